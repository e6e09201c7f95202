/// The version of tender written into manifests and PDFs and shown by `tender --version`.
public enum TenderVersion {
    public static let current = "0.1.0"
}
