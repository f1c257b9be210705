import Foundation

extension PlanPolicy {
    /// Some fields of a policy, as a request gives them: a plan's own choices over the tenant's
    /// defaults, or a change to those defaults. Absent fields leave the base as it is; unknown
    /// fields are refused, so a misspelt weight is an error rather than silently the default.
    public struct Overrides: Codable, Sendable, Equatable {
        public var horizonMonths: Int?
        public var minMonthsInPosition: Int?
        public var minPerformance: Int?
        public var maxTrainableGap: Int?
        public var scope: Scope?
        public var mode: Mode?
        public var fitWeight: Int?
        public var wishBonus: Int?
        public var wishStep: Int?
        public var compulsoryCost: Int?
        public var stayCost: Int?
        public var ignoredWishCost: Int?

        public init(horizonMonths: Int? = nil, minMonthsInPosition: Int? = nil, minPerformance: Int? = nil,
                    maxTrainableGap: Int? = nil, scope: Scope? = nil, mode: Mode? = nil, fitWeight: Int? = nil,
                    wishBonus: Int? = nil, wishStep: Int? = nil, compulsoryCost: Int? = nil, stayCost: Int? = nil,
                    ignoredWishCost: Int? = nil) {
            self.horizonMonths = horizonMonths; self.minMonthsInPosition = minMonthsInPosition
            self.minPerformance = minPerformance; self.maxTrainableGap = maxTrainableGap; self.scope = scope
            self.mode = mode; self.fitWeight = fitWeight; self.wishBonus = wishBonus; self.wishStep = wishStep
            self.compulsoryCost = compulsoryCost; self.stayCost = stayCost; self.ignoredWishCost = ignoredWishCost
        }

        /// Every field of `policy` given: applied to any base, the result is `policy`.
        public init(_ policy: PlanPolicy) {
            self.init(horizonMonths: policy.horizonMonths, minMonthsInPosition: policy.minMonthsInPosition,
                      minPerformance: policy.minPerformance, maxTrainableGap: policy.maxTrainableGap, scope: policy.scope,
                      mode: policy.mode, fitWeight: policy.fitWeight, wishBonus: policy.wishBonus, wishStep: policy.wishStep,
                      compulsoryCost: policy.compulsoryCost, stayCost: policy.stayCost, ignoredWishCost: policy.ignoredWishCost)
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case horizonMonths, minMonthsInPosition, minPerformance, maxTrainableGap, scope, mode, fitWeight, wishBonus,
                 wishStep, compulsoryCost, stayCost, ignoredWishCost
        }

        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            horizonMonths = try c.decodeIfPresent(Int.self, forKey: .horizonMonths)
            minMonthsInPosition = try c.decodeIfPresent(Int.self, forKey: .minMonthsInPosition)
            minPerformance = try c.decodeIfPresent(Int.self, forKey: .minPerformance)
            maxTrainableGap = try c.decodeIfPresent(Int.self, forKey: .maxTrainableGap)
            scope = try c.decodeIfPresent(Scope.self, forKey: .scope)
            mode = try c.decodeIfPresent(Mode.self, forKey: .mode)
            fitWeight = try c.decodeIfPresent(Int.self, forKey: .fitWeight)
            wishBonus = try c.decodeIfPresent(Int.self, forKey: .wishBonus)
            wishStep = try c.decodeIfPresent(Int.self, forKey: .wishStep)
            compulsoryCost = try c.decodeIfPresent(Int.self, forKey: .compulsoryCost)
            stayCost = try c.decodeIfPresent(Int.self, forKey: .stayCost)
            ignoredWishCost = try c.decodeIfPresent(Int.self, forKey: .ignoredWishCost)
        }

        /// `base` with the given fields replaced (not yet validated).
        public func applied(to base: PlanPolicy) -> PlanPolicy {
            var p = base
            if let v = horizonMonths { p.horizonMonths = v }
            if let v = minMonthsInPosition { p.minMonthsInPosition = v }
            if let v = minPerformance { p.minPerformance = v }
            if let v = maxTrainableGap { p.maxTrainableGap = v }
            if let v = scope { p.scope = v }
            if let v = mode { p.mode = v }
            if let v = fitWeight { p.fitWeight = v }
            if let v = wishBonus { p.wishBonus = v }
            if let v = wishStep { p.wishStep = v }
            if let v = compulsoryCost { p.compulsoryCost = v }
            if let v = stayCost { p.stayCost = v }
            if let v = ignoredWishCost { p.ignoredWishCost = v }
            return p
        }
    }
}

/// A tenant's default planning policy (bobot bawaan): what a plan takes for every field its
/// request leaves out. A tenant that never changed it has `PlanPolicy()` at version 0.
///
/// JSON: the policy's fields side by side with `version`.
public struct PlanSettings: Sendable, Equatable, Codable {
    public var policy: PlanPolicy
    public var version: Int

    public init(policy: PlanPolicy = PlanPolicy(), version: Int = 0) {
        self.policy = policy; self.version = version
    }

    private enum CodingKeys: String, CodingKey { case version }

    public init(from decoder: any Decoder) throws {
        policy = try PlanPolicy(from: decoder)
        version = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .version)
    }

    public func encode(to encoder: any Encoder) throws {
        try policy.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
    }
}
