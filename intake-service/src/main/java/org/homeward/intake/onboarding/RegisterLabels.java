package org.homeward.intake.onboarding;

import java.util.LinkedHashMap;
import java.util.Map;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.FragmentKind;
import org.homeward.events.intake.FragmentSource;
import org.homeward.events.intake.Sex;

/** The words stations write in their registers for each coded value (the code's own name is read too). */
final class RegisterLabels {
    static final Map<String, Sex> SEX =
            labels(Map.of("男", Sex.MALE, "女", Sex.FEMALE, "不详", Sex.UNKNOWN, "未知", Sex.UNKNOWN));

    static final Map<String, ArrivalChannel> ARRIVAL = labels(Map.of(
            "自行求助",
            ArrivalChannel.SELF,
            "主动求助",
            ArrivalChannel.SELF,
            "公安护送",
            ArrivalChannel.POLICE,
            "公安送站",
            ArrivalChannel.POLICE,
            "街面转介",
            ArrivalChannel.OUTREACH_REFERRAL,
            "外展转介",
            ArrivalChannel.OUTREACH_REFERRAL,
            "医院转送",
            ArrivalChannel.HOSPITAL,
            "外站转入",
            ArrivalChannel.OTHER_STATION,
            "群众送站",
            ArrivalChannel.PUBLIC,
            "市民报送",
            ArrivalChannel.PUBLIC));

    static final Map<String, ExitType> EXIT = labels(Map.of(
            "亲属接回",
            ExitType.FAMILY_PICKUP,
            "家属接回",
            ExitType.FAMILY_PICKUP,
            "护送返乡",
            ExitType.ESCORTED_HOME,
            "自行离站",
            ExitType.SELF_DEPARTURE,
            "安置",
            ExitType.PLACED_IN_CARE,
            "转站",
            ExitType.TRANSFERRED,
            "转送外站",
            ExitType.TRANSFERRED,
            "死亡",
            ExitType.DECEASED));

    static final Map<String, FragmentKind> FRAGMENT = labels(Map.of(
            "姓名",
            FragmentKind.NAME,
            "昵称",
            FragmentKind.NICKNAME,
            "小名",
            FragmentKind.NICKNAME,
            "口音",
            FragmentKind.DIALECT,
            "方言",
            FragmentKind.DIALECT,
            "家乡",
            FragmentKind.HOMETOWN,
            "亲属",
            FragmentKind.RELATIVE,
            "电话",
            FragmentKind.PHONE,
            "证件号片段",
            FragmentKind.ID_FRAGMENT,
            "其他",
            FragmentKind.OTHER));

    static final Map<String, FragmentSource> SOURCE =
            labels(Map.of("工作人员", FragmentSource.STAFF, "志愿者", FragmentSource.VOLUNTEER, "公安", FragmentSource.POLICE));

    private static <E> Map<String, E> labels(Map<String, E> m) {
        return new LinkedHashMap<>(m);
    }

    private RegisterLabels() {}
}
