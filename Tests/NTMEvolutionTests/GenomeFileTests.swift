import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld
import NTMTestSupport
import Testing

@Suite("Genome files")
struct GenomeFileTests {
    static let architecture = BrainArchitecture(sensorCount: 5, motorCount: 2, controllerWidth: 32, controllerLayers: 2,
                                                keyWidth: 8, density: 2, valueWidth: 2)

    static func sample(_ label: UInt64) -> Genome {
        var rng = RandomStream.generator(0x6E0, label)
        var g = Genome.random(architecture, using: &rng)
        g.lineage = Lineage(parents: ["00000000000000aa"], generation: 7)
        g.evaluation = EvaluationRecord(worldHash: WorldHash(name: "forage", digest: 0x1234), seed: .max - 3, generation: 7, episodes: 3,
                                        arrangement: .solo, fitness: 0.1 + 0.2)
        return g
    }

    /// Edits the file's JSON object and re-serialises it.
    static func edit(_ data: Data, _ change: (inout [String: Any]) -> Void) -> Data {
        var object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&object)
        return try! JSONSerialization.data(withJSONObject: object)
    }

    static func reason(_ data: Data) -> GenomeFileError.Reason? {
        do {
            _ = try Genome.decode(data)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("Every finite Float bit pattern round-trips exactly (random patterns, subnormals, ±0)")
    func bitPatternsRoundTrip() throws {
        var rng = RandomStream.generator(0x6E0, 1)
        for trial in 0..<200 {
            var g = Self.sample(2)
            for i in g.parameters.indices {
                var value: Float
                repeat { value = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) } while !value.isFinite
                g.parameters[i] = value
            }
            if trial == 0 {
                g.parameters[0] = -0.0; g.parameters[1] = .leastNonzeroMagnitude
                g.parameters[2] = -.greatestFiniteMagnitude; g.parameters[3] = .leastNormalMagnitude.nextDown
            }
            let back = try Genome.decode(g.fileData())
            #expect(back.parameters.map(\.bitPattern) == g.parameters.map(\.bitPattern))
            #expect(back == g)
        }
    }

    @Test("Save is atomic and load returns the same genome, fitness bits included")
    func saveAndLoad() throws {
        let dir = temporaryDirectory("genome")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/g.genome.json"
        let g = Self.sample(3)
        try g.save(to: path)
        let back = try Genome.load(from: path)
        #expect(back == g)
        #expect(back.evaluation?.fitness.bitPattern == (0.1 + 0.2).bitPattern)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["g.genome.json"])
    }

    @Test("A truncated file is rejected as malformed", arguments: [0, 1, 10, 100, 400])
    func truncated(keep: Int) {
        let data = Self.sample(4).fileData()
        guard case .malformed? = Self.reason(data.prefix(keep)) else {
            Issue.record("truncation to \(keep) bytes was not reported as malformed")
            return
        }
    }

    @Test("A changed value fails the checksum")
    func badChecksum() {
        let data = Self.sample(5).fileData()
        let edited = Self.edit(data) { o in
            var lineage = o["lineage"] as! [String: Any]
            lineage["generation"] = 8
            o["lineage"] = lineage
        }
        guard case .checksumMismatch? = Self.reason(edited) else {
            Issue.record("edited content passed its checksum")
            return
        }
        // A flipped bit inside the parameter data, too.
        var text = String(decoding: data, as: UTF8.self)
        let range = text.range(of: "\"data\" : \"")!
        let i = text.index(range.upperBound, offsetBy: 5)
        text.replaceSubrange(i...i, with: text[i] == "A" ? "B" : "A")
        guard case .checksumMismatch? = Self.reason(Data(text.utf8)) else {
            Issue.record("a changed parameter passed its checksum")
            return
        }
    }

    @Test("Wrong sizes are rejected with the expected and found counts")
    func wrongSize() {
        let data = Self.sample(6).fileData()
        let fewer = Self.edit(data) { o in
            var p = o["parameters"] as! [String: Any]
            p["count"] = 127
            o["parameters"] = p
        }
        #expect(Self.reason(fewer) == .wrongSize(expected: 128, found: 127, what: "parameters declared"))
        let shortData = Self.edit(data) { o in
            var p = o["parameters"] as! [String: Any]
            p["data"] = Data(repeating: 0, count: 40).base64EncodedString()
            o["parameters"] = p
        }
        #expect(Self.reason(shortData) == .wrongSize(expected: 512, found: 40, what: "bytes of parameter data"))
        let otherArchitecture = Self.edit(data) { o in
            var a = o["architecture"] as! [String: Any]
            a["controller_layers"] = 3
            o["architecture"] = a
        }
        #expect(Self.reason(otherArchitecture) == .wrongSize(expected: 192, found: 128, what: "parameters declared"))
    }

    @Test("A future version, another format and a missing key are each a clear error")
    func versionsAndFormat() {
        let data = Self.sample(7).fileData()
        #expect(Self.reason(Self.edit(data) { $0["version"] = 2 }) == .unsupportedVersion(found: 2, supported: 1))
        #expect(Self.reason(Self.edit(data) { $0["format"] = "something-else" }) == .notAGenome(format: "something-else"))
        let missing = Self.reason(Self.edit(data) { $0["architecture"] = nil })
        #expect(missing == .malformed("required key 'architecture' is missing at the top level"))
        let invalid = Self.reason(Self.edit(data) { o in
            var a = o["architecture"] as! [String: Any]
            a["controller_width"] = 24
            o["architecture"] = a
        })
        guard case .invalidArchitecture? = invalid else {
            Issue.record("a non-power-of-two width was accepted")
            return
        }
    }

    @Test("Non-finite parameters are rejected, naming the index", arguments: [Float.nan, .infinity, -.infinity])
    func nonFinite(value: Float) {
        let g = Self.sample(8)
        // Build the bytes by hand so that the checksum is right and only the value is wrong.
        var bytes = [UInt8]()
        for (i, p) in g.parameters.enumerated() {
            let b = (i == 17 ? value : p).bitPattern
            for s in stride(from: 0 as UInt32, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: b >> s)) }
        }
        let edited = Self.edit(g.fileData()) { o in
            var p = o["parameters"] as! [String: Any]
            p["data"] = Data(bytes).base64EncodedString()
            o["parameters"] = p
        }
        #expect(Self.reason(edited) == .nonFiniteParameter(index: 17, bits: value.bitPattern))
    }

    @Test("Error messages name the file and say what is accepted")
    func messages() {
        let e = GenomeFileError(.unsupportedVersion(found: 9, supported: 1), path: "runs/a/best.genome.json")
        #expect(e.description.contains("runs/a/best.genome.json"))
        #expect(e.description.contains("version 9"))
        let io = GenomeFileError(.io("cannot be read"), path: "/nonexistent")
        #expect(io.description.contains("/nonexistent"))
        #expect(throws: GenomeFileError.self) { try Genome.load(from: "/nonexistent/x.genome.json") }
    }
}

@Suite("Strict JSON: what the decoder would forgive")
struct StrictJSONTests {
    @Test("A key given twice in one object is named with its line, escapes decoded", arguments: [
        ("{\"a\": 1, \"a\": 2}", "'a'"), ("{\"x\": {\"b\": 1,\n \"\\u0062\": 2}}", "'b' appears twice in one object (line 2)"),
    ])
    func duplicates(text: String, named: String) throws {
        let problem = try #require(StrictJSON.problem(in: Data(text.utf8)))
        #expect(problem.contains(named), "\(problem)")
    }

    @Test("The same key in different objects, and keys inside strings, are fine")
    func distinct() {
        #expect(StrictJSON.problem(in: Data("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}], \"c\": \"\\\"a\\\": 1\"}".utf8)) == nil)
    }

    @Test("Nesting deeper than the limit is refused (the decoder recurses)")
    func depth() {
        #expect(StrictJSON.problem(in: Data(String(repeating: "[", count: 100_000).utf8)) != nil)
        #expect(StrictJSON.problem(in: Data((String(repeating: "[", count: 30) + String(repeating: "]", count: 30)).utf8)) == nil)
    }
}
