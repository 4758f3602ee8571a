import Foundation
import NTMBrain
import NTMEvolution
import Testing

@Suite("Genome files: tape variants")
struct GenomeFileVariantTests {
    static func sample(_ kind: MemoryKind) -> Genome {
        var a = GenomeFileTests.architecture
        a.memoryKind = kind
        var rng = RandomStream.generator(0x6E1, 1)
        return Genome.random(a, using: &rng)
    }

    static func architecture(_ data: Data) -> [String: Any] {
        (try! JSONSerialization.jsonObject(with: data) as! [String: Any])["architecture"] as! [String: Any]
    }

    @Test("Each variant round-trips with its parameters named in the header",
          arguments: [MemoryKind.blocks(bits: 2), .decaying(rate: 0.03), .noveltyGated(bucketBits: 3, halfVisits: 1.5)])
    func roundTrip(kind: MemoryKind) throws {
        let g = Self.sample(kind)
        let back = try Genome.decode(g.fileData())
        #expect(back == g && back.architecture.memoryKind == kind)
        #expect(Self.architecture(g.fileData())["memory_kind"] as? String == kind.name)
        #expect(g.checksum() != Self.sample(.hashed).checksum(), "the kind is part of the checksum")
    }

    @Test("A hashed genome's header has no memory keys: files from before variants are byte-identical")
    func hashedUnchanged() {
        let header = Self.architecture(Self.sample(.hashed).fileData())
        #expect(header.keys.allSatisfy { !$0.hasPrefix("memory_") && !$0.hasPrefix("novelty_") })
    }

    @Test("A missing parameter, a stray parameter and an unknown kind are refused, naming the key")
    func refused() {
        let data = Self.sample(.blocks(bits: 2)).fileData()
        func reason(_ change: (inout [String: Any]) -> Void) -> String {
            let edited = GenomeFileTests.edit(data) { o in
                var a = o["architecture"] as! [String: Any]
                change(&a)
                o["architecture"] = a
            }
            return GenomeFileTests.reason(edited).map { "\($0)" } ?? "accepted"
        }
        #expect(reason { $0["memory_blocks"] = nil }.contains("memory_blocks"))
        #expect(reason { $0["memory_decay"] = 0.1 }.contains("memory_decay"))
        #expect(reason { $0["memory_kind"] = "lsh" }.contains("memory_kind"))
        #expect(reason { $0["memory_blocks"] = 12 }.contains("memory_blocks"))
    }

    @Test("An LSH-switched genome holds M× the slopes, names its banks, and refuses a header without them")
    func switched() throws {
        var a = GenomeFileTests.architecture
        a.switchBanks = 4
        var rng = RandomStream.generator(0x6E1, 2)
        let g = Genome.random(a, using: &rng)
        #expect(g.parameters.count == 4 * GenomeFileTests.architecture.parameterCount)
        let back = try Genome.decode(g.fileData())
        #expect(back == g && back.architecture.switchBanks == 4)
        #expect(Self.architecture(g.fileData())["switch_banks"] as? Int == 4)
        let stripped = GenomeFileTests.edit(g.fileData()) { o in
            var h = o["architecture"] as! [String: Any]
            h["switch_banks"] = nil
            o["architecture"] = h
        }
        #expect("\(GenomeFileTests.reason(stripped).map { "\($0)" } ?? "accepted")".contains("switch_banks"))
    }
}
