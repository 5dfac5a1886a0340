import Foundation
import Referrals
import SocialCareFHIR
import Storage

/// A referral exchanged as FHIR (SDOH Clinical Care): read as a Bundle, moved by a Task update.
/// Both go through `ReferralActions`, the JSON API's use case: the same scope (404 outside it,
/// 403 for district staff), the same audited read, the same view (a partner's consented fields
/// and pseudonym), and the same state machine, version check and audited transition. Only the
/// wire format differs.
public struct ReferralFHIRExchange: Sendable {
    public let actions: ReferralActions

    public init(actions: ReferralActions) {
        self.actions = actions
    }

    var referrals: ReferralStore { actions.referrals }

    /// The referral's Bundle as `user` may read it now; the read is audited as the JSON read is.
    public func bundle(forReferral id: String, user: User, now: Date) async throws -> (bundle: FHIRBundle, version: Int) {
        let referral = try await actions.referral(id: id, visibleTo: user, now: now)
        let view = try await actions.view(of: referral, for: user, now: now)
        let lens = try await referrals.lens(for: referral, user: user, now: now)
        let input = ReferralBundle.Input(
            view: view, forPartner: lens != .whole, consent: try await consent(seenThrough: lens, of: referral, now: now), now: now)
        return (ReferralBundle.make(input), referral.version)
    }

    /// Applies the Task's status as the JSON events route applies an action (`TaskUpdate` reads
    /// it as that action's command). Returns the Task as `user` reads it after the change (the
    /// lens is worked out before, as for the JSON reply). Throws `TaskUpdateError` for a Task that
    /// names no action, and `ReferralStoreError` as `ReferralActions.apply` does — its missing
    /// fields named by their place in the Task.
    public func updateTask(
        _ task: FHIRTask, forReferral id: String, expectedVersion: Int?, user: User, now: Date
    ) async throws -> (task: FHIRTask, version: Int) {
        let command = try TaskUpdate.command(from: task, role: user.role)
        let lens = try await actions.lens(forReferral: id, user: user, now: now)
        let updated: Referral
        do {
            updated = try await actions.apply(command, toReferral: id, expectedVersion: expectedVersion, by: user, now: now)
        } catch ReferralStoreError.transition(.missingFields(let names)) {
            throw ReferralStoreError.transition(.missingFields(names.map(TaskUpdate.fhirPath(forField:))))
        }
        var view = lens.view(of: updated, student: nil)
        view.coordinator = try await referrals.coordinatorContact(forReferral: id)
        let input = ReferralBundle.Input(
            view: view, forPartner: lens != .whole, consent: try await consent(seenThrough: lens, of: updated, now: now), now: now)
        return (ReferralBundle.task(input), updated.version)
    }

    /// The consent the reader's lens judged in force (a partner's), or for school staff the one
    /// in force for the referral's organization, by the same rule (`PartnerView.covering`).
    func consent(seenThrough lens: ReferralLens, of referral: Referral, now: Date) async throws -> Consent? {
        switch lens {
        case .partner(let consent, _):
            return consent
        case .whole:
            return PartnerView.covering(
                try await referrals.consents(studentID: referral.studentID).map(\.consent), organizationID: referral.organizationID,
                on: now, in: referrals.machine.timeZone)
        }
    }
}
