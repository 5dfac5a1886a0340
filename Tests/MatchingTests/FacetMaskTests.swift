import Directory
@testable import Matching
import Testing

@Suite("Facet masks")
struct FacetMaskTests {
    @Test func everyFacetKnowsItsPositionInAllCases() {
        #expect(Domain.allCases.enumerated().allSatisfy { $0.element.maskPosition == $0.offset })
        #expect(Setting.allCases.enumerated().allSatisfy { $0.element.maskPosition == $0.offset })
        #expect(Insurance.allCases.enumerated().allSatisfy { $0.element.maskPosition == $0.offset })
        #expect(TimeWindow.allCases.enumerated().allSatisfy { $0.element.maskPosition == $0.offset })
    }

    @Test func masksHoldExactlyTheirMembers() {
        for bits in 0..<(1 << Setting.allCases.count) {
            let members = Setting.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element)
            let mask = FacetMask(members)
            #expect(mask.bits == UInt16(bits))
            #expect(mask.members == members)
            #expect(Setting.allCases.allSatisfy { mask.contains($0) == members.contains($0) })
        }
    }
}
