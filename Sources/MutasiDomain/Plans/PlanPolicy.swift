import Foundation

/// The rules of one planning run (planning.md, "Policy"); stored with the plan so that a built
/// plan can always be explained by the rules it was built under.
public struct PlanPolicy: Codable, Sendable, Equatable {
    /// How far up to the reach of a transfer: within the regency, the province, or anywhere.
    public enum Scope: String, Codable, Sendable, CaseIterable {
        case regency, province, any
    }
    /// `balance`: compulsory moves from surplus to deficit as well; `voluntary`: volunteers only.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        case balance, voluntary
    }
    public var horizonMonths: Int
    public var minMonthsInPosition: Int
    public var minPerformance: Int
    public var maxTrainableGap: Int
    public var scope: Scope
    public var mode: Mode
    public var fitWeight: Int
    public var wishBonus: Int
    public var wishStep: Int
    public var compulsoryCost: Int
    public var stayCost: Int
    public var ignoredWishCost: Int

    /// The largest weight a policy may give (planning.md's range).
    public static let maxWeight = 100_000

    public init(horizonMonths: Int = 12, minMonthsInPosition: Int = 24, minPerformance: Int = 4,
                maxTrainableGap: Int = 2, scope: Scope = .province, mode: Mode = .balance,
                fitWeight: Int = 3, wishBonus: Int = 200, wishStep: Int = 30, compulsoryCost: Int = 300,
                stayCost: Int = 200, ignoredWishCost: Int = 150) {
        self.horizonMonths = horizonMonths; self.minMonthsInPosition = minMonthsInPosition
        self.minPerformance = minPerformance; self.maxTrainableGap = maxTrainableGap; self.scope = scope
        self.mode = mode; self.fitWeight = fitWeight; self.wishBonus = wishBonus; self.wishStep = wishStep
        self.compulsoryCost = compulsoryCost; self.stayCost = stayCost; self.ignoredWishCost = ignoredWishCost
    }

    /// Missing fields take their defaults, so plans stored before the weights existed still read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PlanPolicy()
        horizonMonths = try c.decodeIfPresent(Int.self, forKey: .horizonMonths) ?? d.horizonMonths
        minMonthsInPosition = try c.decodeIfPresent(Int.self, forKey: .minMonthsInPosition) ?? d.minMonthsInPosition
        minPerformance = try c.decodeIfPresent(Int.self, forKey: .minPerformance) ?? d.minPerformance
        maxTrainableGap = try c.decodeIfPresent(Int.self, forKey: .maxTrainableGap) ?? d.maxTrainableGap
        scope = try c.decodeIfPresent(Scope.self, forKey: .scope) ?? d.scope
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode) ?? d.mode
        fitWeight = try c.decodeIfPresent(Int.self, forKey: .fitWeight) ?? d.fitWeight
        wishBonus = try c.decodeIfPresent(Int.self, forKey: .wishBonus) ?? d.wishBonus
        wishStep = try c.decodeIfPresent(Int.self, forKey: .wishStep) ?? d.wishStep
        compulsoryCost = try c.decodeIfPresent(Int.self, forKey: .compulsoryCost) ?? d.compulsoryCost
        stayCost = try c.decodeIfPresent(Int.self, forKey: .stayCost) ?? d.stayCost
        ignoredWishCost = try c.decodeIfPresent(Int.self, forKey: .ignoredWishCost) ?? d.ignoredWishCost
    }

    /// Throws a field-naming error for values the model does not allow; fields are named
    /// `<prefix><field>` (`policy.wishBonus` in a plan request, `wishBonus` in the tenant's settings).
    public func validated(fieldPrefix: String = "policy.") throws -> PlanPolicy {
        func check(_ ok: Bool, _ field: String, _ rule: String) throws {
            if !ok { throw DomainError.invalid("policy.invalid", "\(fieldPrefix)\(field) \(rule).", field: "\(fieldPrefix)\(field)") }
        }
        try check(horizonMonths >= 0 && horizonMonths <= 600, "horizonMonths", "must be 0 to 600")
        try check(minMonthsInPosition >= 0 && minMonthsInPosition <= 600, "minMonthsInPosition", "must be 0 to 600")
        try check((1...5).contains(minPerformance), "minPerformance", "must be 1 to 5")
        try check(maxTrainableGap >= 0 && maxTrainableGap <= 20, "maxTrainableGap", "must be 0 to 20")
        for (field, value) in [("fitWeight", fitWeight), ("wishBonus", wishBonus), ("wishStep", wishStep),
                               ("compulsoryCost", compulsoryCost), ("stayCost", stayCost),
                               ("ignoredWishCost", ignoredWishCost)] {
            try check(value >= 0 && value <= Self.maxWeight, field, "must be 0 to \(Self.maxWeight)")
        }
        return self
    }
}
