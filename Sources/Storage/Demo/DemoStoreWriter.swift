import Foundation
import Referrals

/// Writes demo students through the referral store's public operations, one transaction each, as
/// the API would: the reference for what the bulk writer must produce.
struct DemoStoreWriter: Sendable {
    let referrals: ReferralStore
    let actors: DemoActors

    /// Returns the number of events written.
    func write(_ plan: DemoStudentPlan) async throws -> Int {
        let school = plan.student.schoolID
        let coordinator = try actors.user(.coordinator, school: school, organization: "")
        var studentID = ""
        var referralIDs: [Int: String] = [:]
        var events = 0
        for operation in plan.operations {
            let at = plan.at(operation)
            switch operation {
            case .register:
                studentID = try await referrals.createStudent(plan.student, by: coordinator, now: at).id
            case .consent:
                _ = try await referrals.addConsent(plan.consent, studentID: studentID, by: coordinator, now: at)
            case .create(let index):
                let referral = plan.referrals[index]
                referralIDs[index] = try await referrals.createReferral(
                    NewReferral(studentID: studentID, serviceID: referral.serviceID, barrier: referral.barrier, tier: referral.tier,
                                duplicateReason: referral.duplicateReason),
                    by: coordinator, now: at).id
            case .apply(let index, let stepIndex):
                let step = plan.referrals[index].steps[stepIndex]
                let actor = try actors.user(step.actor, school: school, organization: plan.referrals[index].organizationID)
                _ = try await referrals.apply(step.command, toReferral: referralIDs[index]!, expectedVersion: nil, by: actor, now: at)
                events += 1
            }
        }
        return events
    }
}
