import NTMBrain
import NTMEvolution
import NTMTestSupport
import NTMWorld
import Testing

@Suite("Evolution setup: apart from the world, read from [evolution]")
struct EvolutionSetupTests {
    static func setupError(_ text: String) -> WorldFileError? {
        do {
            _ = try Experiment.parse(text, file: "bad.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test("Population, seed, algorithm and run length are not part of the world's identity")
    func notWorldIdentity() throws {
        let base = Fixtures.tinyExperiment()
        var other = base
        other.override(population: 5, generations: 99, seed: 7)
        other.setup.algorithm = HillClimber.name
        other.setup.episodes = 9
        #expect(other.world.hash == base.world.hash)
        #expect(other.setup.identity != base.setup.identity)
        var longer = base.setup
        longer.generations += 10
        #expect(longer.identity == base.setup.identity)       // run length is not run identity
    }

    @Test("A world file read whole gives the world and the setup; canonical TOML reads back to both")
    func roundTrip() throws {
        for name in Fixtures.shippedWorlds {
            let e = try Fixtures.shipped(name)
            let again = try Experiment.parse(e.canonicalTOML, file: "canonical.toml")
            #expect(again == e, "\(name)")
        }
        let tiny = Fixtures.tinyExperiment()
        #expect(tiny.setup.population == 12 && tiny.setup.episodes == 2 && tiny.setup.generations == 4)
        // WorldSpec alone accepts a file with an [evolution] table (it is someone else's).
        #expect(try WorldSpec.load(path: Fixtures.tinyWorldPath) == tiny.world)
    }

    @Test("Setup errors name the key and line, and list what is accepted")
    func errors() throws {
        let elites = try #require(Self.setupError("[evolution]\npopulation = 4\nelites = 4\n"))
        #expect(elites.key == "evolution.elites" && elites.line == 3)
        let algorithm = try #require(Self.setupError("[evolution]\nalgorithm = \"annealing\"\n"))
        #expect(algorithm.key == "evolution.algorithm" && algorithm.message.contains("\"ga\", \"hill-climber\""))
        let eco = try #require(Self.setupError("[evolution]\nalgorithm = \"ecosystem\"\n"))
        #expect(eco.message.contains("[ecosystem] table"))
        let unknown = try #require(Self.setupError("[evolution]\nelitez = 2\n"))
        #expect(unknown.key == "evolution.elitez" && unknown.message.contains("elites"))
        // A hill-climber has no tournaments: the GA's keys are unknown there.
        let foreign = try #require(Self.setupError("[evolution]\nalgorithm = \"hill-climber\"\ntournament = 3\n"))
        #expect(foreign.key == "evolution.tournament")
    }

    @Test("--population in an open-ended world resizes the arena; a GA keeps fewer elites than individuals")
    func overrides() throws {
        var eco = try Fixtures.shipped("ecosystem")
        eco.override(population: 10)
        #expect(eco.world.ecosystem?.capacity == 10 && eco.world.ecosystem!.initial <= 10)
        var ga = Fixtures.tinyExperiment()
        ga.override(population: 2)
        #expect(ga.setup.setting("elites") == 1)
    }
}
