import Directory
import Foundation
import Testing

@Suite struct HSDSIdentifierTests {
    /// The RFC 9562 Appendix A.4 example: UUIDv5 of "www.example.com" in the DNS namespace.
    @Test func matchesTheRFCExample() {
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(HSDSIdentifier.uuidV5(namespace: dns, name: "www.example.com").uuidString.lowercased()
            == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func sameRecordSameIdDifferentKindOrSourceDifferentId() {
        let service = HSDSIdentifier.id(.service, source: "211-metro", externalID: "S-1")
        #expect(service == HSDSIdentifier.id(.service, source: "211-metro", externalID: "S-1"))
        #expect(service != HSDSIdentifier.id(.organization, source: "211-metro", externalID: "S-1"))
        #expect(service != HSDSIdentifier.id(.service, source: "seed", externalID: "S-1"))
        // The separator keeps "a" + "b/c" apart from "a/b" + "c".
        #expect(HSDSIdentifier.id(.service, source: "a", externalID: "b/c") != HSDSIdentifier.id(.service, source: "a/b", externalID: "c"))
        let phone = HSDSIdentifier.id(.phone, parent: service, key: "515-555-0100")
        #expect(phone.uuidString.dropFirst(14).first == "5")
        #expect(phone != HSDSIdentifier.id(.phone, parent: service, key: "515-555-0101"))
    }
}

extension HSDSIdentifierTests {
    /// The namespace is what its comment says, so anyone can recompute an id without our code.
    @Test func namespaceIsTheURLNamespaceNameOfCloseloopHSDS() {
        let url = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!
        #expect(HSDSIdentifier.uuidV5(namespace: url, name: "closeloop.hsds") == HSDSIdentifier.namespace)
    }
}
