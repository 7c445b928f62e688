<#
.SYNOPSIS
    The engine host's "run" request for a real pwsh or powershell.exe: runs one script with named
    parameters and writes what happened (exit code, output, error records, ...) as JSON.
.PARAMETER RequestPath
    JSON: file, args, parameters.
.PARAMETER ResultPath
    Where the JSON result goes.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string]$RequestPath,

    [Parameter(Mandatory = $true)]
    [string]$ResultPath
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

function ConvertTo-Hashtable {
    param([object]$Value)
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $table = [ordered]@{}
        foreach ($property in $Value.PSObject.Properties) { $table[$property.Name] = ConvertTo-Hashtable -Value $property.Value }
        return $table
    }
    if ($Value -is [System.Array]) { return , @($Value | ForEach-Object -Process { ConvertTo-Hashtable -Value $_ }) }
    $Value
}

$request = Get-Content -LiteralPath $RequestPath -Raw | ConvertFrom-Json
$parameters = ConvertTo-Hashtable -Value $request.parameters
$arguments = @($request.args)
$records = [System.Collections.Generic.List[object]]::new()
$started = [System.Diagnostics.Stopwatch]::StartNew()
$global:LASTEXITCODE = 0
$exitCode = 0
try {
    & $request.file @parameters @arguments *>&1 | ForEach-Object -Process { $records.Add($_) }
    $exitCode = $global:LASTEXITCODE
}
catch {
    $records.Add($_)
    $exitCode = 1
}
$result = [ordered]@{
    exitCode = $exitCode; timedOut = $false; ms = $started.Elapsed.TotalMilliseconds
    output = @(); objects = @(); errors = @(); warnings = @(); verbose = @(); information = @(); host = @(); prompts = @()
}
foreach ($record in $records) {
    if ($record -is [System.Management.Automation.ErrorRecord]) {
        $result.errors += [ordered]@{ message = $record.Exception.Message; errorId = [string]$record.FullyQualifiedErrorId; position = [string]$record.InvocationInfo.PositionMessage; terminating = $false }
    }
    elseif ($record -is [System.Management.Automation.WarningRecord]) { $result.warnings += $record.Message }
    elseif ($record -is [System.Management.Automation.VerboseRecord]) { $result.verbose += $record.Message }
    elseif ($record -is [System.Management.Automation.InformationRecord]) { $result.information += [string]$record.MessageData }
    else {
        $result.output += [string]$record
        $result.objects += $record
    }
}
$result | ConvertTo-Json -Depth 32 -Compress | Set-Content -LiteralPath $ResultPath -Encoding UTF8
