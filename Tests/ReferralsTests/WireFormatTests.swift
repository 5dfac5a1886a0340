import Foundation
import Testing

@testable import Referrals

@Suite("Commands and events on the wire")
struct WireFormatTests {
    @Test func commandDecodesFromRequestJSON() throws {
        let decline = try JSONDecoder().decode(
            ReferralCommand.self,
            from: Data(#"{"action":"decline","reason":"no_capacity","note":"full until fall"}"#.utf8))
        #expect(decline == ReferralCommand(.decline, reason: .noCapacity, note: "full until fall"))

        let confirm = try JSONDecoder().decode(
            ReferralCommand.self,
            from: Data(
                #"{"action":"confirm_connection","first_service_date":"2025-06-16","confirmed_by":"family"}"#.utf8))
        #expect(
            confirm
                == ReferralCommand(
                    .confirmConnection, firstServiceDate: Fixtures.day("2025-06-16"), confirmedBy: .family))

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ReferralCommand.self, from: Data(#"{"action":"teleport"}"#.utf8))
        }
    }

    @Test func eventEncodesWithSnakeCaseKeysAndRoundTrips() throws {
        let event = ReferralEvent(
            sequence: 3, action: .schedule, from: .accepted, to: .scheduled, actorID: "partner-1", role: .partner,
            at: Fixtures.instant("2025-06-04T10:00:00Z"), intakeDate: Fixtures.day("2025-06-12"), note: "Thursday 4pm")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(event), as: UTF8.self)
        #expect(
            json
                == #"{"action":"schedule","actor_id":"partner-1","at":"2025-06-04T10:00:00Z","from":"accepted","intake_date":"2025-06-12","note":"Thursday 4pm","role":"partner","sequence":3,"to":"scheduled"}"#
        )
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(ReferralEvent.self, from: Data(json.utf8)) == event)
    }
}
