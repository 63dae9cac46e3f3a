package org.homeward.events.intake;

/** One mark: its kind, where on the body (左手, 右前臂) and what it looks like (食指缺一节, 龙形纹身). */
public record DistinguishingMark(MarkKind kind, String bodyLocation, String text) {}
