/// Writes a plan in the JSON format of planning.md ("Plan (JSON)").
public enum PlanEncoder {
    /// The plan as one line of compact JSON, ending with a newline.
    public static func encode(_ plan: Plan) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.member("objective", plan.objective)
        w.key("moves")
        w.beginArray()
        for move in plan.moves {
            w.beginObject()
            w.member("employee", move.employee)
            w.member("from", move.from)
            w.member("to", move.to)
            w.member("kind", move.kind.rawValue)
            w.member("wishRank", move.wishRank)
            w.member("cost", move.cost)
            w.member("fit", move.fit)
            w.member("distance", move.distance)
            w.member("grant", move.grant)
            w.member("burden", move.burden)
            w.key("trainingNeeds")
            w.beginArray()
            for need in move.trainingNeeds {
                w.beginObject()
                w.member("code", need.code)
                w.member("gap", need.gap)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        for (name, balance) in [("before", plan.before), ("after", plan.after)] {
            w.key(name)
            w.beginObject()
            w.member("need", balance.need)
            w.member("deficit", balance.deficit)
            w.member("surplus", balance.surplus)
            w.member("imbalance", balance.imbalance)
            w.endObject()
        }
        let voice = plan.voice
        w.key("voice")
        w.beginObject()
        w.member("volunteers", voice.volunteers)
        w.member("volunteersMoved", voice.volunteersMoved)
        w.member("movesOnWish", voice.movesOnWish)
        w.member("compulsoryMoves", voice.compulsoryMoves)
        w.member("compulsoryAgainstWish", voice.compulsoryAgainstWish)
        w.member("stayOverridden", voice.stayOverridden)
        w.member("exchanges", voice.exchanges)
        w.endObject()
        w.endObject()
        w.newline()
        return w.bytes
    }
}
