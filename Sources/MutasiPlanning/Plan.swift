/// The result of a planning run (planning.md, "Plans" and "Balance figures").
///
/// Every move carries the figures that explain it, so that a reviewer can recompute its cost
/// by hand from the published rules.
public struct Plan: Sendable, Equatable {
    /// Sum of move costs plus the change in staffing costs; minimal over all feasible plans.
    public var objective: Int
    /// In the order of the employees in the instance.
    public var moves: [Move]
    public var before: Balance
    public var after: Balance
    public var voice: Voice

    public init(objective: Int, moves: [Move], before: Balance, after: Balance, voice: Voice) {
        self.objective = objective
        self.moves = moves
        self.before = before
        self.after = after
        self.voice = voice
    }

    /// A volunteer's move to a unit ranked above theirs, or a move from surplus to deficit.
    public enum Kind: String, Sendable, CaseIterable {
        case voluntary, compulsory
    }

    /// One transfer with its explanation.
    public struct Move: Sendable, Equatable {
        public var employee: String
        public var from: String
        public var to: String
        public var kind: Kind
        /// 0-based rank of the target unit in the employee's preferences; nil when not listed.
        public var wishRank: Int?
        /// `fitWeight * (100 - fit) + distance + burden - grant`.
        public var cost: Int
        public var fit: Int
        public var distance: Int
        public var grant: Int
        public var burden: Int
        public var trainingNeeds: [TrainingNeed]

        public init(
            employee: String, from: String, to: String, kind: Kind, wishRank: Int?, cost: Int, fit: Int,
            distance: Int, grant: Int, burden: Int, trainingNeeds: [TrainingNeed]
        ) {
            self.employee = employee
            self.from = from
            self.to = to
            self.kind = kind
            self.wishRank = wishRank
            self.cost = cost
            self.fit = fit
            self.distance = distance
            self.grant = grant
            self.burden = burden
            self.trainingNeeds = trainingNeeds
        }
    }

    /// How far the plan meets what employees asked for (planning.md, "Voice figures").
    public struct Voice: Sendable, Equatable {
        /// Active employees whose wish is `move`.
        public var volunteers: Int
        /// Volunteers with a move of either kind.
        public var volunteersMoved: Int
        /// Moves to a unit the employee listed.
        public var movesOnWish: Int
        public var compulsoryMoves: Int
        /// Compulsory moves of employees who listed units, to a unit they did not list.
        public var compulsoryAgainstWish: Int
        /// Compulsory moves of employees who asked to stay.
        public var stayOverridden: Int
        /// Moves into a slot that another employee left by a voluntary move (a swap counts 2).
        public var exchanges: Int

        public init(
            volunteers: Int = 0, volunteersMoved: Int = 0, movesOnWish: Int = 0, compulsoryMoves: Int = 0,
            compulsoryAgainstWish: Int = 0, stayOverridden: Int = 0, exchanges: Int = 0
        ) {
            self.volunteers = volunteers
            self.volunteersMoved = volunteersMoved
            self.movesOnWish = movesOnWish
            self.compulsoryMoves = compulsoryMoves
            self.compulsoryAgainstWish = compulsoryAgainstWish
            self.stayOverridden = stayOverridden
            self.exchanges = exchanges
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
