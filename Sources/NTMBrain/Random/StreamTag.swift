/// Every named random stream of the project, in one place.
///
/// A stream is `(run seed, tag, keys…)` (see ``RandomStream``): the tag says what the draws
/// are *for*, the keys which instance (generation, individual, tick…). Two purposes must
/// never share a tag, or their draws would be the same numbers; listing them here lets the
/// compiler reject a repeated raw value and a test check the rest. Each raw value is the
/// tag's four ASCII letters, big-endian.
public enum StreamTag: UInt64, CaseIterable, Sendable {
    /// "SIGN": the fixed (not evolved) sign flips of the controller input and hash rounds.
    case signs = 0x5349_474E
    /// "LAYO": everything random about one lifetime's arena (layout, starts, hidden values).
    case layout = 0x4C41_594F
    /// "EPIS": the layout seed of episode e of generation g.
    case episode = 0x4550_4953
    /// "INIT": generation 0's random genomes.
    case initial = 0x494E_4954
    /// "CHLD": the hill-climber's children.
    case child = 0x4348_4C44
    /// "SELE": the GA's tournaments and mutations.
    case selection = 0x5345_4C45
    /// "ECOS": the one arena of an open-ended world.
    case ecosystem = 0x4543_4F53
    /// "FOUN": an ecosystem's founders.
    case founder = 0x464F_554E
    /// "BIRT": a birth in an ecosystem.
    case birth = 0x4249_5254
    /// "IMMI": an immigrant into an ecosystem.
    case immigrant = 0x494D_4D49
    /// "SHUF": the random read keys of the shuffle-keys lesion.
    case shuffle = 0x5348_5546
    /// "TRIA": a world of trials' cues and offers, trial by trial.
    case trials = 0x5452_4941
    /// "HALL": the fresh episodes a run's hall of fame is judged on.
    case hallOfFame = 0x4841_4C4C
    /// "HELD": the held-out episodes `evaluate` and `study` judge a genome on.
    case heldOut = 0x4845_4C44
    /// "NOIS": an evolution strategy's perturbations.
    case noise = 0x4E4F_4953
    /// "BOOT": a study's bootstrap resamples.
    case bootstrap = 0x424F_4F54

    /// The four letters the raw value spells.
    public var letters: String {
        String(decoding: (0..<4).map { UInt8(truncatingIfNeeded: rawValue >> (8 * (3 - $0))) }, as: UTF8.self)
    }
}

extension RandomStream {
    /// The generator for the stream `(seed, tag, keys…)`.
    @inlinable
    public static func generator(_ seed: UInt64, _ tag: StreamTag, _ keys: UInt64...) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: derivedSeed(seed, [tag.rawValue] + keys))
    }

    /// The 64-bit seed of the stream `(seed, tag, keys…)`.
    @inlinable
    public static func derivedSeed(_ seed: UInt64, _ tag: StreamTag, _ keys: UInt64...) -> UInt64 {
        derivedSeed(seed, [tag.rawValue] + keys)
    }
}
