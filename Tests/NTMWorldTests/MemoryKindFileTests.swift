import NTMBrain
import NTMWorld
import Testing

@Suite("World files: [brain] memory_kind")
struct MemoryKindFileTests {
    @Test("Each kind is read with its parameters, written back canonically, and makes its own world hash",
          arguments: [("\"blocks\"\nmemory_blocks = 2", MemoryKind.blocks(bits: 2)),
                      ("\"blocks\"", .blocks(bits: MemoryKind.defaultBlockBits)),
                      ("\"decaying\"\nmemory_decay = 0.05", .decaying(rate: 0.05)),
                      ("\"novelty-gated\"\nnovelty_bits = 3\nnovelty_visits = 2.5", .noveltyGated(bucketBits: 3, halfVisits: 2.5)),
                      ("\"novelty-gated\"", .noveltyGated(bucketBits: MemoryKind.defaultBucketBits, halfVisits: MemoryKind.defaultHalfVisits))])
    func parse(text: String, kind: MemoryKind) throws {
        let spec = try WorldSpec.parse("[brain]\nmemory_kind = \(text)\n", file: "k.toml")
        #expect(spec.brain.memoryKind == kind && spec.architecture.memoryKind == kind)
        let again = try WorldSpec.parse(spec.canonicalTOML, file: "canonical.toml")
        #expect(again == spec && again.hash == spec.hash)
        #expect(spec.hash != WorldSpec().hash)
    }

    @Test("The default tape writes no memory_kind, so every world from before variants keeps its hash")
    func hashedIsSilent() throws {
        let spec = try WorldSpec.parse("[brain]\nmemory_kind = \"hashed\"\n", file: "k.toml")
        #expect(spec == WorldSpec() && spec.hash == WorldSpec().hash)
        #expect(!WorldSpec().canonicalTOML.contains("memory_kind"))
    }

    @Test("Unknown kinds, parameters of another kind and out-of-range parameters name the key", arguments: [
        ("memory_kind = \"lsh\"", "brain.memory_kind", "\"hashed\", \"blocks\", \"decaying\", \"novelty-gated\""),
        ("memory_kind = 3", "brain.memory_kind", "should be a string"),
        ("memory_blocks = 2", "brain.memory_blocks", "only to memory_kind = \"blocks\""),
        ("memory_kind = \"decaying\"\nnovelty_bits = 2", "brain.novelty_bits", "only to memory_kind = \"novelty-gated\""),
        ("memory_kind = \"blocks\"\nmemory_blocks = 9", "brain.memory_blocks", "1 to 8"),
        ("memory_kind = \"decaying\"\nmemory_decay = 1.0", "brain.memory_decay", "between 0 and 1"),
        ("memory_kind = \"decaying\"\nmemory_decay = 0", "brain.memory_decay", "between 0 and 1"),
        ("memory_kind = \"novelty-gated\"\nnovelty_bits = 13", "brain.novelty_bits", "1 to 12"),
        ("memory_kind = \"novelty-gated\"\nnovelty_visits = 0.0", "brain.novelty_visits", "0.001"),
    ])
    func refused(text: String, key: String, says: String) throws {
        let e = try #require(worldError("[brain]\n\(text)\n"))
        #expect(e.key == key, "\(e)")
        #expect(e.line != nil && e.message.contains(says), "\(e.message)")
    }

    @Test("Block or bucket bits beyond the key's width are refused")
    func bitsWithinKey() throws {
        let e = try #require(worldError("[brain]\nkey_width = 4\nmemory_kind = \"blocks\"\nmemory_blocks = 6\n"))
        #expect(e.description.contains("memory_blocks"), "\(e)")
    }

    @Test("controller_kind = \"lsh-switched\" gives M slope banks (8 unless switch_banks says), in the hash and the canonical form")
    func switchedController() throws {
        let eight = try WorldSpec.parse("[brain]\ncontroller_kind = \"lsh-switched\"\n", file: "k.toml")
        #expect(eight.brain.switchBanks == 8 && eight.architecture.parameterCount == 8 * WorldSpec().architecture.parameterCount)
        let four = try WorldSpec.parse("[brain]\ncontroller_kind = \"lsh-switched\"\nswitch_banks = 4\n", file: "k.toml")
        #expect(four.brain.switchBanks == 4)
        #expect(try WorldSpec.parse(four.canonicalTOML, file: "c.toml") == four && four.hash != eight.hash && eight.hash != WorldSpec().hash)
        #expect(try WorldSpec.parse("[brain]\ncontroller_kind = \"plain\"\n", file: "k.toml").hash == WorldSpec().hash)
        for (text, key, says) in [("controller_kind = \"dense\"", "brain.controller_kind", "\"plain\", \"lsh-switched\""),
                                  ("switch_banks = 4", "brain.switch_banks", "only to controller_kind"),
                                  ("controller_kind = \"lsh-switched\"\nswitch_banks = 6", "brain.switch_banks", "power of two"),
                                  ("controller_kind = \"lsh-switched\"\nswitch_banks = 1", "brain.switch_banks", "2 to 64")] {
            let e = try #require(worldError("[brain]\n\(text)\n"))
            #expect(e.key == key && e.message.contains(says), "\(e)")
        }
    }
}
