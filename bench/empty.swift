// The start-up floor of a Swift program: bench/run builds it with `swiftc -O` and times it.
