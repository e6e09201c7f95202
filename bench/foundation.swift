// A Swift program that loads Foundation (and so ICU) and does nothing else: bench/run times it.
import Foundation

if ProcessInfo.processInfo.arguments.count > 99 { print(Date()) }
