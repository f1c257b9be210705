/// The result of a planning run (planning.md, "Plans" and "Balance figures").
///
/// Every move carries the figures that explain it, so that a reviewer can recompute its cost
/// by hand from the published rules.
public struct Plan: Sendable, Equatable {
    /// Sum of move costs minus fill and release benefits; minimal over all feasible plans.
    public var objective: Int
    /// In the order of the employees in the instance.
    public var moves: [Move]
    public var before: Balance
    public var after: Balance

    public init(objective: Int, moves: [Move], before: Balance, after: Balance) {
        self.objective = objective
        self.moves = moves
        self.before = before
        self.after = after
    }

    /// One transfer with its explanation.
    public struct Move: Sendable, Equatable {
        public var employee: String
        public var from: String
        public var to: String
        /// `3 * (100 - fit) + preference + distance`.
        public var cost: Int
        public var fit: Int
        public var preference: Int
        public var distance: Int
        public var trainingNeeds: [TrainingNeed]

        public init(
            employee: String, from: String, to: String, cost: Int, fit: Int, preference: Int,
            distance: Int, trainingNeeds: [TrainingNeed]
        ) {
            self.employee = employee
            self.from = from
            self.to = to
            self.cost = cost
            self.fit = fit
            self.preference = preference
            self.distance = distance
            self.trainingNeeds = trainingNeeds
        }
    }

    /// A competency the employee must be trained in for the new post, and by how many levels.
    public struct TrainingNeed: Sendable, Equatable {
        public var code: String
        public var gap: Int

        public init(code: String, gap: Int) {
            self.code = code
            self.gap = gap
        }
    }

    /// Staffing balance of a set of slots.
    public struct Balance: Sendable, Equatable {
        public var need: Int
        public var deficit: Int
        public var surplus: Int
        /// `(deficit + surplus) / need`, 0 when need is 0.
        public var imbalance: Double

        public init(need: Int, deficit: Int, surplus: Int) {
            self.need = need
            self.deficit = deficit
            self.surplus = surplus
            self.imbalance = need == 0 ? 0 : Double(deficit + surplus) / Double(need)
        }

        /// The balance of slots with the given needs and active headcounts.
        public init(needs: [Int], headcounts: [Int]) {
            var need = 0, deficit = 0, surplus = 0
            for (n, h) in zip(needs, headcounts) {
                need += n
                deficit += max(0, n - h)
                surplus += max(0, h - n)
            }
            self.init(need: need, deficit: deficit, surplus: surplus)
        }
    }
}
