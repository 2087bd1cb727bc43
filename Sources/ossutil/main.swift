import Foundation

CommandContext.start = Date()
let status = await OSSUtilMain.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
