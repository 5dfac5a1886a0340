import Storage
import Workflows

/// The use cases one application serves, built once over its store, live match index and gap
/// recorder, and shared by the JSON routes and the pages: neither holds a rule of its own.
struct UseCases: Sendable {
    let matchmaking: Matchmaking
    let availability: AvailabilityUpdates
    let students: StudentRegistration
    let consents: ConsentRecording
    let actions: ReferralActions
    let lists: ReferralLists
    let reporting: DistrictReporting
    let gapRecorder: MatchGapRecorder

    init(store: DirectoryStore, matchIndex: LiveMatchIndex, gapRecorder: MatchGapRecorder) {
        let referrals = ReferralStore(database: store.database)
        matchmaking = Matchmaking(index: matchIndex, gaps: gapRecorder)
        availability = AvailabilityUpdates(directory: store, index: matchIndex)
        students = StudentRegistration(referrals: referrals)
        consents = ConsentRecording(referrals: referrals)
        actions = ReferralActions(referrals: referrals)
        lists = ReferralLists(referrals: referrals)
        reporting = DistrictReporting(database: store.database, gaps: gapRecorder)
        self.gapRecorder = gapRecorder
    }
}
