import Foundation

/// Bounds on what one template may make the engine do, so that a hostile or mistaken
/// template ends in a clear error instead of a crash, a hang or exhausted memory.
enum EngineLimits {
    /// How deeply blocks (`for`, `if`) and expressions (parentheses, lists, filters' arguments,
    /// unary operators) may nest. The parser and the renderer recurse that deep; real
    /// templates nest a handful of levels.
    static let maxNesting = 200
    /// The most loop iterations (all loops together, filter conditions included) one render may
    /// run: real documents run a few thousand (a CV's experiences, a price table's rows).
    static let maxIterations = 100_000
    /// The most items `range()` may build.
    static let maxRangeItems = 1_000_000
    /// The largest magnitude a number may reach in an expression (beyond it Decimal loses
    /// digits, then overflows); money is bounded far lower where it is printed.
    static let maxMagnitude = Decimal(sign: .plus, exponent: 30, significand: 1)
}
