package org.homeward.events.outreach;

/** The publicity and public-interest activities of the 2018 report's section 三 (一是主动加强救助管理宣传). */
public enum PublicityKind {
    OPEN_DAY("机构开放日"),
    PUBLIC_CLASS("救助公益课"),
    VOLUNTEER_SERVICE("志愿服务活动"),
    INTERNSHIP("大学生实习实践"),
    MEDIA_REPORT("媒体报道"),
    OTHER("其他宣传活动");

    public final String label;

    PublicityKind(String label) {
        this.label = label;
    }
}
