// Committee work (issue 9): committees, meetings, agendas, decisions, minutes, and the cards in the leader channel.
export { canApprove, canEditCommittee, canPrepare, canReadCommittee, isCommitteePerson } from './access.js';
export { CommitteeWork, CommitteeWorkError, defaultRhythm, itemLinks, orderItems, type CommitteeFile, type CommitteeWorkDeps, type ItemInput, type MeetingFile, type NewMeetingInput, type OverdueCounter, type RiskSource } from './committee-work.js';
export { minutesDocx, minutesPdf, type MinutesModel } from './minutes-document.js';
export type * from './ports.js';
export * from './records.js';
