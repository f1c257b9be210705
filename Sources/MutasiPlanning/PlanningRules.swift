/// The scoring rules of planning.md, one function each, in integer arithmetic.
///
/// Public so that a move can be explained (and checked by hand) with the very functions the
/// engine optimises; the engine's network is built from these and from nothing else.
public enum PlanningRules {
    /// Leading components (split at `.`) that two region codes share: `c` of planning.md.
    public static func sharedComponents(_ a: String, _ b: String) -> Int {
        var shared = 0
        var ia = a.utf8.makeIterator()
        var ib = b.utf8.makeIterator()
        var same = true
        while true {
            let x = ia.next(), y = ib.next()
            if x == nil || y == nil {
                // A component ends on both sides at the end of a string (or at a dot).
                let xEnds = x == nil || x == UInt8(ascii: ".")
                let yEnds = y == nil || y == UInt8(ascii: ".")
                return same && xEnds && yEnds ? shared + 1 : shared
            }
            if x == UInt8(ascii: ".") || y == UInt8(ascii: ".") {
                if x == y && same { shared += 1 } else { return shared }
                same = true
                continue
            }
            if x != y { same = false }
        }
    }

    /// Region distance: 0 for identical codes, else 20, 60 or 150 by shared components.
    public static func distance(_ a: String, _ b: String) -> Int {
        if exactlyEqual(a, b) { return 0 }
        let c = sharedComponents(a, b)
        return c >= 2 ? 20 : c == 1 ? 60 : 150
    }

    /// Whether a move from region `from` to region `to` is allowed under `scope`.
    public static func inScope(_ scope: PlanningInstance.Scope, from: String, to: String) -> Bool {
        switch scope {
        case .any: return true
        case .province: return exactlyEqual(from, to) || sharedComponents(from, to) >= 1
        case .regency: return exactlyEqual(from, to) || sharedComponents(from, to) >= 2
        }
    }

    /// The employee's level in `code` (0 when missing), codes compared by exact code points.
    public static func level(_ competencies: [String: Int], _ code: String) -> Int {
        // A dictionary finds canonically equivalent keys too; only the exact code points count.
        guard let i = competencies.index(forKey: code), exactlyEqual(competencies[i].key, code) else { return 0 }
        return competencies[i].value
    }

    /// Sum of the levels missing to meet each requirement (a missing competency is level 0).
    public static func gap(
        _ competencies: [String: Int], _ requirements: [PlanningInstance.Requirement]
    ) -> Int {
        requirements.reduce(0) { $0 + max(0, $1.level - level(competencies, $1.code)) }
    }

    /// The requirements still to be trained for, with their gaps, in the slot's order.
    public static func trainingNeeds(
        _ competencies: [String: Int], _ requirements: [PlanningInstance.Requirement]
    ) -> [Plan.TrainingNeed] {
        requirements.compactMap { requirement in
            let missing = requirement.level - level(competencies, requirement.code)
            return missing > 0 ? Plan.TrainingNeed(code: requirement.code, gap: missing) : nil
        }
    }

    /// `max(0, 100 - 25 * gap)`.
    public static func fit(gap: Int) -> Int { max(0, 100 - 25 * min(gap, 4)) }

    /// `rank(e, u)`: 0-based position of the unit's first listing, nil when not listed.
    public static func rank(_ preferences: [String], unit: String) -> Int? {
        preferences.firstExactIndex(of: unit)
    }

    /// `grant(e, t)`: `max(0, wishBonus - wishStep * rank) + priority` for a listed unit, else 0.
    public static func grant(rank: Int?, priority: Int, policy: PlanningInstance.Policy) -> Int {
        guard let rank else { return 0 }
        return max(0, policy.wishBonus - policy.wishStep * rank) + priority
    }

    /// `burden(e, t)`: 0 for a voluntary move; for a compulsory one `compulsoryCost`, plus
    /// `stayCost` against a wish to stay, plus `ignoredWishCost` when listed units are passed over.
    public static func burden(
        kind: Plan.Kind, wish: PlanningInstance.Wish, listsUnits: Bool, rank: Int?,
        policy: PlanningInstance.Policy
    ) -> Int {
        guard kind == .compulsory else { return 0 }
        return policy.compulsoryCost + (wish == .stay ? policy.stayCost : 0)
            + (listsUnits && rank == nil ? policy.ignoredWishCost : 0)
    }

    /// `moveCost = fitWeight * (100 - fit) + distance + burden - grant`.
    public static func moveCost(fit: Int, distance: Int, burden: Int, grant: Int, policy: PlanningInstance.Policy) -> Int {
        policy.fitWeight * (100 - fit) + distance + burden - grant
    }

    /// `seat(t, j)` for a slot of the given need: the cost of its j-th seat (j >= 1).
    public static func seat(need: Int, _ j: Int) -> Int {
        if j <= need { return -(1000 + scaledShare(1000, need - j + 1, of: need)) }
        let n = max(need, 1)
        return scaledShare(500, min(j - need, n), of: n)
    }

    /// `staff(t, h) - staff(t, from)`: the change in staffing cost when a slot's headcount goes
    /// from `from` to `h`.
    public static func staffingChange(need: Int, from: Int, to h: Int) -> Int {
        var total = 0
        if h > from { for j in (from + 1)...h { total += seat(need: need, j) } }
        if h < from { for j in (h + 1)...from { total -= seat(need: need, j) } }
        return total
    }

    /// floor(scale * part / whole) for 0 <= part <= whole, without overflow for any whole.
    static func scaledShare(_ scale: Int, _ part: Int, of whole: Int) -> Int {
        let product = scale.multipliedFullWidth(by: part)
        return whole.dividingFullWidth(product).quotient
    }
}
