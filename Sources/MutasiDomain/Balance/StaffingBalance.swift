/// Need against staff for a set of slots, as planning.md's "Balance figures" define them:
/// `current` counts only active employees (those not retiring within the horizon), deficit
/// D = max(0, need - current) and surplus S = max(0, current - need) per slot, summed over the
/// set; imbalance = (deficit + surplus) / need, 0 when need is 0. `headcount` (everybody in the
/// slots) and `retiring` (within the horizon) are reported beside them.
public struct StaffingBalance: Sendable, Equatable, Codable {
    public var slots: Int
    public var need: Int
    public var headcount: Int
    public var retiring: Int
    public var current: Int
    public var deficit: Int
    public var surplus: Int

    public static let zero = StaffingBalance(slots: 0, need: 0, headcount: 0, retiring: 0, current: 0, deficit: 0, surplus: 0)

    private init(slots: Int, need: Int, headcount: Int, retiring: Int, current: Int, deficit: Int, surplus: Int) {
        self.slots = slots; self.need = need; self.headcount = headcount; self.retiring = retiring
        self.current = current; self.deficit = deficit; self.surplus = surplus
    }

    /// One slot: `headcount` employees hold it, `retiring` of them retire within the horizon.
    public init(slotNeed need: Int, headcount: Int, retiring: Int) {
        let current = headcount - retiring
        self.init(slots: 1, need: need, headcount: headcount, retiring: retiring, current: current,
                  deficit: Swift.max(0, need - current), surplus: Swift.max(0, current - need))
    }

    /// Figures already summed over `slots` slots, deficit and surplus taken per slot before the
    /// sum (as the database aggregates them); `current` = headcount - retiring.
    public init(slots: Int, need: Int, headcount: Int, retiring: Int, deficit: Int, surplus: Int) {
        self.init(slots: slots, need: need, headcount: headcount, retiring: retiring, current: headcount - retiring,
                  deficit: deficit, surplus: surplus)
    }

    /// The figures of two disjoint sets of slots together.
    public static func + (a: StaffingBalance, b: StaffingBalance) -> StaffingBalance {
        StaffingBalance(slots: a.slots + b.slots, need: a.need + b.need, headcount: a.headcount + b.headcount,
                        retiring: a.retiring + b.retiring, current: a.current + b.current,
                        deficit: a.deficit + b.deficit, surplus: a.surplus + b.surplus)
    }

    /// (deficit + surplus) / need, exactly; 0 when need is 0.
    public var imbalance: Rational {
        need == 0 ? .zero : (try? Rational(deficit + surplus, need)) ?? .zero
    }

    private enum CodingKeys: String, CodingKey { case slots, need, headcount, retiring, current, deficit, surplus, imbalance }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(slots: try c.decode(Int.self, forKey: .slots), need: try c.decode(Int.self, forKey: .need),
                  headcount: try c.decode(Int.self, forKey: .headcount), retiring: try c.decode(Int.self, forKey: .retiring),
                  current: try c.decode(Int.self, forKey: .current), deficit: try c.decode(Int.self, forKey: .deficit),
                  surplus: try c.decode(Int.self, forKey: .surplus))
    }

    /// Encodes the counts and `imbalance` as an exact number.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slots, forKey: .slots); try c.encode(need, forKey: .need)
        try c.encode(headcount, forKey: .headcount); try c.encode(retiring, forKey: .retiring)
        try c.encode(current, forKey: .current); try c.encode(deficit, forKey: .deficit)
        try c.encode(surplus, forKey: .surplus); try c.encode(ExactNumber(imbalance), forKey: .imbalance)
    }
}

/// Rules about where an employee stands in their post, as of a day.
public enum PostTenure {
    /// Rotation is due after this many years in the same post.
    public static let maxYearsInPost = 5

    /// More than five years in the post on `asOf`.
    public static func isRotationDue(since: CalendarDate, asOf: CalendarDate) -> Bool {
        since.addingYears(maxYearsInPost) < asOf
    }
}
