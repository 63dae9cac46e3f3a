package org.homeward.events.search;

/** Where a lead came from, and the report category and group it counts under (docs/definitions.md, Family search). */
public enum LeadChannel {
    STAFF_INQUIRY(Category.STATION, null),
    POLICE_FACE_RECOGNITION(Category.AGENCY, Group.POLICE),
    POLICE_DNA(Category.AGENCY, Group.POLICE),
    POLICE_POPULATION_REGISTRY(Category.AGENCY, Group.POLICE),
    NATIONAL_NETWORK(Category.AGENCY, Group.OTHER_AGENCY),
    OTHER_STATION(Category.AGENCY, Group.OTHER_AGENCY),
    HOSPITAL_STAFF(Category.AGENCY, Group.OTHER_AGENCY),
    MEDIA_NOTICE(Category.AGENCY, Group.OTHER_AGENCY),
    PARTNER(Category.SOCIAL, Group.PARTNER);

    public enum Category {
        STATION("救助管理机构寻亲"),
        AGENCY("相关部门协作寻亲"),
        SOCIAL("借助社会资源寻亲");

        public final String label;

        Category(String label) {
            this.label = label;
        }
    }

    public enum Group {
        POLICE,
        OTHER_AGENCY,
        PARTNER
    }

    public final Category category;
    public final Group group;

    LeadChannel(Category category, Group group) {
        this.category = category;
        this.group = group;
    }
}
