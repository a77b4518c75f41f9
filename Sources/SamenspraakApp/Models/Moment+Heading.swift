import SamenspraakViews

extension Moment {
    /// How parents' pages and the printed cards name the moment: its title, its days, the school's reply.
    var heading: MomentHeading {
        MomentHeading(title: title, date: MomentHeading.date(starts, ends), reply: reply)
    }
}
