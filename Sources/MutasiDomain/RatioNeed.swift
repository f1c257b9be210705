/// A ratio-based need: one person per `ratio` of a driving population, e.g. pupils per teacher
/// or residents per health worker. Exact need = population / ratio (rounded like any other need,
/// up by default: 250 pupils at 20 per teacher need 13 teachers).
///
/// The population must be >= 0 (`needs.negative_population`, field `population`) and the ratio
/// positive (`needs.invalid_ratio`, field `ratio`).
public struct RatioNeed: HeadcountNeed, Hashable, Sendable {
    /// The driving count, e.g. 250 pupils.
    public let population: Int
    /// Population served by one person, e.g. 20 pupils per teacher.
    public let ratio: Rational
    public let exactHeadcount: Rational

    public init(population: Int, ratio: Rational) throws {
        guard population >= 0 else {
            throw DomainError.invalid(
                "needs.negative_population", "The population cannot be negative; got \(population).",
                field: "population")
        }
        guard ratio > .zero else {
            throw DomainError.invalid(
                "needs.invalid_ratio", "The ratio must be a positive number per person; got \(ratio).",
                field: "ratio")
        }
        self.population = population
        self.ratio = ratio
        exactHeadcount = try Rational(population).divided(by: ratio)
    }

    public init(population: Int, ratio: Int) throws {
        try self.init(population: population, ratio: Rational(ratio))
    }
}
