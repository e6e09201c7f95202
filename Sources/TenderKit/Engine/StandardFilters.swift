import Foundation

extension FilterRegistry {
    /// Jinja's built-in filters.
    public mutating func registerStandardFilters() {
    }
}
