import Directory
import Foundation
import Referrals
import Testing
import TestSupport

// Internal memberwise initializers of AuditEntry and StoredReply, to compare whole values.
@testable import Storage

/// Idempotency keys as the store keeps them: the reply is stored in the write's own transaction,
/// per user and key, and a second write under the same key has no effect. (Comparing fingerprints
/// and replaying the stored reply is the server's part, Sources/Server/Referrals/Idempotent.swift.)
@Suite("Referral store: idempotency keys")
struct IdempotencyStoreTests {
    static let now = ReferralFixture.now

    static func write<R: Sendable>(_ user: User, key: String, body: String, status: Int = 201, reply: @escaping @Sendable (R) -> String)
        -> IdempotentWrite<R>
    {
        IdempotentWrite(userID: user.id, key: key, fingerprint: RequestFingerprint.of(["POST", "/api/v1/students"], body: Data(body.utf8)),
                        status: status) { reply($0) }
    }

    @Test(arguments: TestBackend.available)
    func theReplyIsStoredWithTheWriteForThatUserAndKey(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let coordinator = fixture.user(.coordinator)
            let body = #"{"district_student_id": "100777001", "school_id": "fx-sch-hoover-ms"}"#
            let write = Self.write(coordinator, key: "5d1c9a52-0f4e-4b8e-9d0a-2f7f3c1e8b11", body: body) { (student: Student) in
                #"{"id":"\#(student.id)"}"#
            }
            let student = try await fixture.referrals.createStudent(
                NewStudent(districtStudentID: "100777001", schoolID: ReferralFixture.schoolID), by: coordinator, now: Self.now,
                idempotency: write)
            #expect(try await fixture.referrals.storedReply(userID: coordinator.id, key: write.key)
                == StoredReply(fingerprint: write.fingerprint, status: 201, body: #"{"id":"\#(student.id)"}"#))
            // Keys belong to a user: the same key from someone else is a different request.
            #expect(try await fixture.referrals.storedReply(userID: fixture.user(.admin).id, key: write.key) == nil)
            #expect(try await fixture.referrals.storedReply(userID: coordinator.id, key: "another-key") == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aSecondWriteUnderTheSameKeyHasNoEffect(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let coordinator = fixture.user(.coordinator)
            let key = "retry-after-timeout"
            let first = try await store.createStudent(
                NewStudent(districtStudentID: "100777001", schoolID: ReferralFixture.schoolID), by: coordinator, now: Self.now,
                idempotency: Self.write(coordinator, key: key, body: "first") { (student: Student) in student.id })
            let stored = try await store.storedReply(userID: coordinator.id, key: key)

            // A racing retry that got past the server's replay check: its whole transaction rolls back.
            await #expect(throws: (any Error).self) {
                _ = try await store.createStudent(
                    NewStudent(districtStudentID: "100777002", schoolID: ReferralFixture.schoolID), by: coordinator, now: Self.now,
                    idempotency: Self.write(coordinator, key: key, body: "second") { (student: Student) in student.id })
            }
            #expect(try await store.storedReply(userID: coordinator.id, key: key) == stored)
            #expect(stored?.body == first.id)
            #expect(try await store.students(visibleTo: coordinator, districtIDPrefix: "100777").map(\.districtStudentID) == ["100777001"])
            #expect(try await store.auditLog(by: fixture.user(.admin)).filter { $0.action == "student.create" }.count == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRefusedWriteKeepsNoReplySoTheKeyCanBeUsedAgain(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let coordinator = fixture.user(.coordinator)
            let sent = try await fixture.sent()
            let write = Self.write(coordinator, key: "k-cancel", body: #"{"action":"cancel"}"#, status: 200) { (referral: Referral) in
                "version \(referral.version)"
            }
            await #expect(throws: ReferralStoreError.versionConflict(expected: 0, current: 1)) {
                _ = try await store.apply(ReferralCommand(.cancel), toReferral: sent.id, expectedVersion: 0, by: coordinator, now: Self.now,
                                          idempotency: write)
            }
            #expect(try await store.storedReply(userID: coordinator.id, key: "k-cancel") == nil)

            let cancelled = try await store.apply(ReferralCommand(.cancel), toReferral: sent.id, expectedVersion: 1, by: coordinator,
                                                  now: Self.now, idempotency: write)
            #expect(cancelled.state == .cancelled)
            #expect(try await store.storedReply(userID: coordinator.id, key: "k-cancel")
                == StoredReply(fingerprint: write.fingerprint, status: 200, body: "version 2"))
        }
    }

    @Test func theFingerprintTellsRequestsApart() {
        let body = Data(#"{"action":"accept"}"#.utf8)
        let accept = RequestFingerprint.of(["POST", "/api/v1/referrals/ref_1/events"], body: body)
        #expect(accept == RequestFingerprint.of(["POST", "/api/v1/referrals/ref_1/events"], body: body))
        #expect(accept.count == 64 && accept.allSatisfy(\.isHexDigit))
        #expect(accept != RequestFingerprint.of(["POST", "/api/v1/referrals/ref_2/events"], body: body))
        #expect(accept != RequestFingerprint.of(["POST", "/api/v1/referrals/ref_1/events"], body: Data(#"{"action":"decline"}"#.utf8)))
        #expect(accept != RequestFingerprint.of(["PUT", "/api/v1/referrals/ref_1/events"], body: body))
        // The path ends where the body begins: moving bytes across that line is another request.
        #expect(RequestFingerprint.of(["POST", "/a"], body: Data("b".utf8)) != RequestFingerprint.of(["POST", "/ab"], body: Data()))
    }
}
