package org.homeward.events.outreach;

public enum OutreachService {
    POLICY_INFO,
    PERSUASION,
    SUPPLIES,
    COUNSELING,
    CRISIS_INTERVENTION,
    REFERRAL
}
