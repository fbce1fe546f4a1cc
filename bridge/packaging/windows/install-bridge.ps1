# Installs the card bridge for all users and starts it at every logon (scheduled task).
# Run elevated:  powershell -ExecutionPolicy Bypass -File install-bridge.ps1 -Origin https://selfservice.example.com
param(
  [Parameter(Mandatory = $true)][string]$Origin,
  [string]$Source = "$PSScriptRoot\smartcard-bridge.exe",
  [int]$Port = 47653
)
$ErrorActionPreference = 'Stop'
$dir = "$env:ProgramFiles\SmartcardBridge"
New-Item -ItemType Directory -Force -Path $dir | Out-Null
Copy-Item -Force $Source "$dir\smartcard-bridge.exe"
$cfgDir = "$env:ProgramData\SmartcardBridge"
New-Item -ItemType Directory -Force -Path $cfgDir | Out-Null
@{ allowedOrigins = @($Origin); port = $Port } | ConvertTo-Json | Set-Content -Encoding UTF8 "$cfgDir\config.json"
# One instance per logged-on user (PC/SC contexts belong to the user's session).
$action = New-ScheduledTaskAction -Execute "$dir\smartcard-bridge.exe"
$trigger = New-ScheduledTaskTrigger -AtLogOn
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1) -MultipleInstances IgnoreNew
$principal = New-ScheduledTaskPrincipal -GroupId 'S-1-5-32-545' -RunLevel Limited   # BUILTIN\Users
Register-ScheduledTask -Force -TaskName 'SmartcardBridge' -Action $action -Trigger $trigger -Settings $settings -Principal $principal | Out-Null
& "$dir\smartcard-bridge.exe" --check
Write-Host "Installed. It starts at the next logon; start now with: Start-ScheduledTask -TaskName SmartcardBridge"
