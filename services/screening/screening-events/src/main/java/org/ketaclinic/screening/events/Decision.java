package org.ketaclinic.screening.events;

/** What a clinician decided about an assessment. */
public enum Decision {

	/** Suitable: a treatment plan for the approved protocol may be made. */
	APPROVED,
	/** Not suitable. */
	DECLINED,
	/** More information is needed before deciding. */
	MORE_INFO_REQUESTED

}
