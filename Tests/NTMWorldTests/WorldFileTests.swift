import Foundation
import NTMWorld
import Testing

@Suite("World files")
struct WorldFileTests {
    static let shipped = Fixtures.shippedWorlds

    @Test("Every shipped world loads, opens with a description, and its brain fits its body", arguments: shipped)
    func shippedWorldsLoad(name: String) throws {
        let path = worldsDirectory + "/\(name).toml"
        let spec = try WorldSpec.load(path: path)
        #expect(spec.name == name)
        #expect(!spec.description.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# \(name):"))
        try spec.architecture.validate()
    }

    @Test("Memory worlds hide their secret from every sensor, give the body nothing to carry it in, and name their decisions",
          arguments: ["cue-choice", "poison-seasons", "alternation"])
    func memoryWorldsNeedMemory(name: String) throws {
        let w = try WorldSpec.load(path: worldsDirectory + "/\(name).toml")
        #expect(w.brain.recurrentWidth == 0)
        let trials = try #require(w.trials)
        #expect(w.arena.start?.radius == 0 && w.arena.startHeading != nil)       // every trial starts from one body
        #expect(w.episode.isolated || w.episode.agentsPerArena == 1)             // nobody else to carry it
        // The body senses nothing that its past could be written into: no energy, no pain.
        #expect(Set(w.body.senses).isSubset(of: [.speed, .held, .taste]))
        #expect(w.metabolism.costPerThrust == 0 && w.metabolism.costPerTick == 0)
        #expect(w.decisions != nil && w.decisions!.chance == 0.5)
        if let cue = w.cue {
            // The goals look alike (one colour for both) and like neither cue.
            #expect(!cue.colors.contains(cue.goalColor))
            #expect(trials.delayTicks > 0)                                        // a delay while held, after the cue
            #expect(cue.approach < cue.penalty)                                   // coming close pays less than any goal
        } else {
            #expect(w.food.allSatisfy(\.hiddenValue) && trials.offerDistance > 0)
        }
    }

    @Test("Defaults apply to every key left out")
    func defaults() throws {
        let spec = try WorldSpec.parse("", file: "empty.toml")
        #expect(spec == WorldSpec())
        #expect(spec.brain.controllerWidth == 128 && spec.body.rays == 8 && spec.episode.ticks == 400)
    }

    @Test("The canonical form parses back to the same world")
    func canonicalRoundTrip() throws {
        for name in Self.shipped {
            let spec = try WorldSpec.load(path: worldsDirectory + "/\(name).toml")
            let again = try WorldSpec.parse(spec.canonicalTOML, file: "canonical.toml")
            #expect(again == spec)
            #expect(again.hash == spec.hash)
        }
        var changed = tinyWorld()
        changed.body.range += 1
        #expect(changed.hash != tinyWorld().hash)
        // A label is not an identity: renaming or redescribing a world keeps its hash.
        var renamed = tinyWorld()
        (renamed.name, renamed.description) = ("other", "the same world under another name")
        #expect(renamed.hash == tinyWorld().hash && renamed.hash.name == "other")
    }

    @Test("The world hash is `name:` and 16 hex digits, and parses back")
    func worldHashText() throws {
        let h = tinyWorld().hash
        let text = h.description
        #expect(text.hasPrefix("tiny:") && text.count == 5 + 16)
        let back = try #require(WorldHash(parsing: text))
        #expect(back == h && back.name == "tiny" && back.digest == h.digest)
        #expect(WorldHash(parsing: "tiny") == nil && WorldHash(parsing: "tiny:12") == nil && WorldHash(parsing: "a:zzzzzzzzzzzzzzzz") == nil)
    }

    @Test("A syntax error names the file and line")
    func syntaxError() throws {
        let e = try #require(worldError("[arena]\nwidth = 100.0\nheight = = 3\n"))
        #expect(e.file == "bad.toml" && e.line == 3)
        #expect(e.description.hasPrefix("bad.toml:3: TOML syntax error"))
    }

    @Test("An unknown key names its line and key and lists the accepted keys")
    func unknownKey() throws {
        let e = try #require(worldError("[world]\nname = \"x\"\n\n[body]\nrays = 8\nrnage = 20.0\n"))
        #expect(e.line == 6 && e.key == "body.rnage")
        #expect(e.message.contains("unknown key") && e.message.contains("range"))
        let top = try #require(worldError("[bodyy]\nrays = 3\n"))
        #expect(top.key == "bodyy" && top.line == 1)
        // A key with a digit in it is an unknown key too (the text check once took it for a
        // number followed by more on its line).
        let digit = try #require(worldError("[body]\nrays2 = 8\n"))
        #expect(digit.key == "body.rays2" && digit.line == 2 && digit.message.contains("unknown key"))
    }

    @Test("A wrong type names the key and the type expected")
    func wrongType() throws {
        let e = try #require(worldError("[episode]\nticks = \"many\"\n"))
        #expect(e.line == 2 && e.key == "episode.ticks")
        #expect(e.message == "should be an integer, got a string")
        let color = try #require(worldError("[[food]]\ncount = 3\n\n[[food]]\ncolor = [1.0, 0.5]\n"))
        #expect(color.key == "food[1].color" && color.line == 5)
    }

    @Test("Out-of-range values say what is accepted", arguments: [
        ("[brain]\ncontroller_width = 100\n", "brain.controller_width", "a power of two from 8 to 4096"),
        ("[body]\nrays = 0\n", "body.rays", "an integer from 1 to 64"),
        ("[brain]\nmemory = \"sometimes\"\n", "brain.memory", "\"full\", \"off\""),
        ("[brain]\nmemory = \"frozen\"\n", "brain.memory", "freeze@T"),
        ("[arena]\nwidth = -5.0\n", "arena.width", "a number from 10.0 to 10000.0"),
    ])
    func outOfRange(text: String, key: String, accepted: String) throws {
        let e = try #require(worldError(text))
        #expect(e.key == key && e.line == 2)
        #expect(e.message.contains(accepted), "\(e.message)")
    }

    @Test("Constraints between keys are checked")
    func crossChecks() throws {
        let e = try #require(worldError("[body]\nrays = 64\n"))            // 260 sensors > width 128
        #expect(e.key == "brain" && e.message.contains("too small"))
        let birth = try #require(worldError("[ecosystem]\nreproduce_energy = 50.0\noffspring_energy = 60.0\n"))
        #expect(birth.key == "ecosystem.offspring_energy" && birth.line == 3 && birth.message.contains("parent survives"))
    }

    @Test("Episodes per evaluation moved to [evolution]: the old key says where")
    func episodeCountMoved() throws {
        let e = try #require(worldError("[episode]\nticks = 10\ncount = 3\n"))
        #expect(e.key == "episode.count" && e.line == 3 && e.message.contains("[evolution]"))
    }

    @Test("A missing file is a clear error")
    func missingFile() {
        #expect(throws: WorldFileError.self) { try WorldSpec.load(path: "/nonexistent/world.toml") }
    }
}
