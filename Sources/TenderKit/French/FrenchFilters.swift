import Foundation

extension FilterRegistry {
    /// French formatting filters: eur, num, pct, days, date.
    public mutating func registerFrenchFilters() {
        // Filled in by the pricing work (issue 3).
    }
}
