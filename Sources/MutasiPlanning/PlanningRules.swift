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
        if a == b { return 0 }
        let c = sharedComponents(a, b)
        return c >= 2 ? 20 : c == 1 ? 60 : 150
    }

    /// Whether a move from region `from` to region `to` is allowed under `scope`.
    public static func inScope(_ scope: PlanningInstance.Scope, from: String, to: String) -> Bool {
        switch scope {
        case .any: return true
        case .province: return from == to || sharedComponents(from, to) >= 1
        case .regency: return from == to || sharedComponents(from, to) >= 2
        }
    }

    /// Sum of the levels missing to meet each requirement (a missing competency is level 0).
    public static func gap(
        _ competencies: [String: Int], _ requirements: [PlanningInstance.Requirement]
    ) -> Int {
        requirements.reduce(0) { $0 + max(0, $1.level - (competencies[$1.code] ?? 0)) }
    }

    /// The requirements still to be trained for, with their gaps, in the slot's order.
    public static func trainingNeeds(
        _ competencies: [String: Int], _ requirements: [PlanningInstance.Requirement]
    ) -> [Plan.TrainingNeed] {
        requirements.compactMap { requirement in
            let missing = requirement.level - (competencies[requirement.code] ?? 0)
            return missing > 0 ? Plan.TrainingNeed(code: requirement.code, gap: missing) : nil
        }
    }

    public static func fit(gap: Int) -> Int { max(0, 100 - 25 * min(gap, 4)) }

    /// 60 with no preferences, 20 per rank when the unit is listed, 150 when it is not.
    public static func preference(_ preferences: [String], unit: String) -> Int {
        if preferences.isEmpty { return 60 }
        if let rank = preferences.firstIndex(of: unit) { return 20 * rank }
        return 150
    }

    public static func moveCost(fit: Int, preference: Int, distance: Int) -> Int {
        3 * (100 - fit) + preference + distance
    }

    /// Benefit of filling the k-th missing seat (k = 1...deficit) of a slot.
    public static func fillBenefit(need: Int, deficit: Int, k: Int) -> Int {
        1000 + scaledShare(1000, deficit - k + 1, of: need)
    }

    /// Benefit of releasing the k-th surplus employee (k = 1...surplus) of a slot.
    public static func releaseBenefit(need: Int, surplus: Int, k: Int) -> Int {
        let base = max(need, 1)
        return scaledShare(500, min(surplus - k + 1, base), of: base)
    }

    /// floor(scale * part / whole) for 0 <= part <= whole, without overflow for any whole.
    static func scaledShare(_ scale: Int, _ part: Int, of whole: Int) -> Int {
        let product = scale.multipliedFullWidth(by: part)
        return whole.dividingFullWidth(product).quotient
    }
}
