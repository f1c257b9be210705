/// The policy a plan is built with (planning.md, "Policy"); every field has the documented
/// default, so `{}` is a valid policy.
public struct PlanPolicy: Codable, Sendable, Equatable {
    /// How far up to the reach of a transfer: within the regency, the province, or anywhere.
    public enum Scope: String, Codable, Sendable, CaseIterable {
        case regency, province, any
    }
    public var horizonMonths: Int
    public var minMonthsInPosition: Int
    public var minPerformance: Int
    public var maxTrainableGap: Int
    public var scope: Scope

    public init(horizonMonths: Int = 12, minMonthsInPosition: Int = 24, minPerformance: Int = 4,
                maxTrainableGap: Int = 2, scope: Scope = .province) {
        self.horizonMonths = horizonMonths; self.minMonthsInPosition = minMonthsInPosition
        self.minPerformance = minPerformance; self.maxTrainableGap = maxTrainableGap; self.scope = scope
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PlanPolicy()
        horizonMonths = try c.decodeIfPresent(Int.self, forKey: .horizonMonths) ?? d.horizonMonths
        minMonthsInPosition = try c.decodeIfPresent(Int.self, forKey: .minMonthsInPosition) ?? d.minMonthsInPosition
        minPerformance = try c.decodeIfPresent(Int.self, forKey: .minPerformance) ?? d.minPerformance
        maxTrainableGap = try c.decodeIfPresent(Int.self, forKey: .maxTrainableGap) ?? d.maxTrainableGap
        scope = try c.decodeIfPresent(Scope.self, forKey: .scope) ?? d.scope
    }

    /// Throws a field-naming error for values the model does not allow.
    public func validated() throws -> PlanPolicy {
        func check(_ ok: Bool, _ field: String, _ rule: String) throws {
            if !ok { throw DomainError.invalid("policy.invalid", "policy.\(field) \(rule).", field: "policy.\(field)") }
        }
        try check(horizonMonths >= 0 && horizonMonths <= 600, "horizonMonths", "must be 0 to 600")
        try check(minMonthsInPosition >= 0 && minMonthsInPosition <= 600, "minMonthsInPosition", "must be 0 to 600")
        try check((1...5).contains(minPerformance), "minPerformance", "must be 1 to 5")
        try check(maxTrainableGap >= 0 && maxTrainableGap <= 100, "maxTrainableGap", "must be 0 to 100")
        return self
    }
}
