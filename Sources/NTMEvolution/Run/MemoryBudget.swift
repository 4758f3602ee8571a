import Foundation
import NTMBrain
import NTMWorld

/// What a run will need in memory, estimated before anything is allocated, so that a size
/// the keys accept but the machine cannot hold is refused with a sentence instead of ending
/// in "failed to allocate".
///
/// The estimate counts the big arrays only, each a Float (4 bytes):
///
///     genomes   population × P × 6      (P = 2·n·L parameters; the population, the
///                                        genomes asked, the next state, and a checkpoint's
///                                        encoding of them, ≈ 2 copies more)
///     brains    A × (P + D·m + m + h + s + 8) per arena in flight, one arena per worker
///               (A agents, rounded up to the 8 lanes; D·m the tape, m the read, h the
///               recurrent state, s the sensors)
///     world     A × 64 + (food + hazards) × 32 bytes per arena in flight
///
/// and is compared with the smallest of the machine's memory and the process's address-
/// space and data limits (`ulimit -v`, `ulimit -d`). Arithmetic saturates, so no size
/// overflows the check that refuses it.
public enum MemoryBudget {
    /// Bytes the run of `experiment` with `threads` workers needs, at least.
    public static func estimate(_ experiment: Experiment, threads: Int) -> Int {
        let world = experiment.world, setup = experiment.setup
        if let eco = world.ecosystem { return estimate(world, genomes: eco.capacity, arenas: 1, agents: eco.capacity) }
        let agents = world.episode.agentsPerArena
        let perGeneration = max(1, setup.population / max(1, agents)) * setup.episodes
        return estimate(world, genomes: setup.population, arenas: min(max(1, threads), max(1, perGeneration)), agents: agents)
    }

    /// Bytes for `genomes` genomes and `arenas` arenas of `agents` in flight in `world`.
    static func estimate(_ world: WorldSpec, genomes: Int, arenas: Int, agents: Int) -> Int {
        let a = world.architecture
        let p = a.parameterCount
        let perAgent = sum([p, product([a.hashBits, a.valueWidth, a.memoryKind.blockCount]), product([a.density, a.memoryKind.counterCount(density: 1)]), a.valueWidth, a.recurrentWidth, a.sensorCount, 8])
        let lanes = product([(agents + 7) / 8, 8])
        let things = world.food.reduce(0) { $0 + $1.count } + world.hazards.reduce(0) { $0 + $1.count }
        let brains = product([lanes, perAgent, 4])
        let body = sum([product([lanes, 64]), product([things, 32])])
        return sum([product([genomes, p, 4, 6]), product([arenas, sum([brains, body])])])
    }

    /// The most this process may use: physical memory, and the address-space and data
    /// limits when they are set.
    public static func available() -> Int {
        var limit = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            var r = rlimit()
            #if os(Linux)
            let got = getrlimit(__rlimit_resource_t(resource.rawValue), &r)
            #else
            let got = getrlimit(resource, &r)
            #endif
            if got == 0 && r.rlim_cur != rlim_t.max { limit = min(limit, Int(clamping: r.rlim_cur)) }
        }
        return limit
    }

    /// Refuses a replay or evaluation of one genome in `world` on `threads` workers that
    /// cannot fit.
    public static func check(replaying world: WorldSpec, threads: Int) throws(RunError) {
        var experiment = Experiment(world: world)
        experiment.setup.population = 1
        try check(experiment, need: estimate(world, genomes: 1, arenas: max(1, threads), agents: world.ecosystem?.capacity ?? world.episode.agentsPerArena))
    }

    /// Refuses a run that cannot fit, saying how much it needs and why.
    public static func check(_ experiment: Experiment, threads: Int) throws(RunError) {
        try check(experiment, need: estimate(experiment, threads: threads))
    }

    static func check(_ experiment: Experiment, need: Int) throws(RunError) {
        let have = available()
        // Leave a quarter for everything not counted (the program, buffers, the OS).
        guard need <= have / 4 * 3 else {
            let world = experiment.world
            let a = world.architecture
            let who = world.ecosystem.map { "capacity \($0.capacity)" }
                ?? "population \(experiment.setup.population), \(world.episode.agentsPerArena) agents per arena"
            throw .input("the run would need at least \(gib(need)) of memory and \(gib(have)) is available (\(who); each agent's brain holds \(a.parameterCount) parameters and a tape of \(a.memoryKind.blockCount > 1 ? "\(a.memoryKind.blockCount) × " : "")\(a.hashBits) × \(a.valueWidth)); make the population or the brain smaller")
        }
    }

    static func gib(_ bytes: Int) -> String { String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) }

    static func product(_ xs: [Int]) -> Int {
        xs.reduce(1) { acc, x in
            let (v, overflow) = acc.multipliedReportingOverflow(by: max(0, x))
            return overflow ? Int.max : v
        }
    }

    static func sum(_ xs: [Int]) -> Int {
        xs.reduce(0) { acc, x in
            let (v, overflow) = acc.addingReportingOverflow(max(0, x))
            return overflow ? Int.max : v
        }
    }
}
