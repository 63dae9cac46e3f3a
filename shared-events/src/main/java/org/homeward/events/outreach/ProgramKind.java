package org.homeward.events.outreach;

public enum ProgramKind {
    SOCIAL_WORK_PROJECT,
    HOSPITAL_POST,
    STAFF_PATROL,
    PARTNER_TEAM
}
