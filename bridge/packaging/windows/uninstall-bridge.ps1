# Removes the card bridge task, program and configuration. Run elevated.
$ErrorActionPreference = 'SilentlyContinue'
Stop-ScheduledTask -TaskName 'SmartcardBridge'
Unregister-ScheduledTask -TaskName 'SmartcardBridge' -Confirm:$false
Remove-Item -Recurse -Force "$env:ProgramFiles\SmartcardBridge", "$env:ProgramData\SmartcardBridge"
