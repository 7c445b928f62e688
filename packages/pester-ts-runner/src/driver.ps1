<#
.SYNOPSIS
    pester-ts-runner's driver: one Invoke-Pester run, every result written as JSON to a file.
.DESCRIPTION
    Reads the request (JSON): which Pester to import, the containers (paths and data), tags, verbosity,
    an optional JUnit file. Runs Invoke-Pester once with PassThru and writes the result object, reduced
    to plain data, to ResultPath. Console output stays plain text (Output.RenderMode Plaintext). Runs on
    Windows PowerShell 5.1 and PowerShell 7.
#>
param(
    [Parameter(Mandatory = $true)]
    [string]$RequestPath
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$request = [System.IO.File]::ReadAllText($RequestPath) | ConvertFrom-Json

function ConvertTo-DriverHashtable {
    # ConvertFrom-Json gives PSCustomObjects; New-PesterContainer -Data wants a dictionary.
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $table = @{}
        foreach ($property in $Value.PSObject.Properties) { $table[$property.Name] = ConvertTo-DriverHashtable -Value $property.Value }
        return $table
    }
    if ($Value -is [System.Array]) { return , @($Value | ForEach-Object -Process { ConvertTo-DriverHashtable -Value $_ }) }
    $Value
}

# Pester: an installed 5.x or 6.x unless the request pins a module file; else the module file given.
$module = $null
if (-not $request.PreferPath) {
    $module = Get-Module -ListAvailable -Name Pester | Where-Object -FilterScript { $_.Version.Major -ge 5 -and $_.Version.Major -le 6 } |
        Sort-Object -Property Version -Descending | Select-Object -First 1
}
if ($null -ne $module) {
    Import-Module -Name $module.Path -Force
}
elseif ($request.PesterPath) {
    Import-Module -Name $request.PesterPath -Force
}
else {
    throw 'No Pester 5 or 6 is installed and no Pester module file was given (Install-Module Pester -SkipPublisherCheck).'
}
$pester = Get-Module -Name Pester

$containers = foreach ($item in $request.Containers) {
    if ($null -ne $item.Data) {
        New-PesterContainer -Path $item.Path -Data (ConvertTo-DriverHashtable -Value $item.Data)
    }
    else {
        New-PesterContainer -Path $item.Path
    }
}

$configuration = New-PesterConfiguration
$configuration.Run.Container = @($containers)
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = [string]$request.Verbosity
$configuration.Output.RenderMode = 'Plaintext'
if (@($request.Tags).Count -gt 0) { $configuration.Filter.Tag = [string[]]@($request.Tags) }
if (@($request.ExcludeTags).Count -gt 0) { $configuration.Filter.ExcludeTag = [string[]]@($request.ExcludeTags) }
if ($request.JUnitPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'JUnitXml'
    $configuration.TestResult.OutputPath = [string]$request.JUnitPath
}

$run = Invoke-Pester -Configuration $configuration

function Get-DriverError {
    param($Records)
    $first = @($Records | Where-Object -FilterScript { $null -ne $_ }) | Select-Object -First 1
    if ($null -eq $first) { return $null }
    @{ Message = [string]$first.Exception.Message; Stack = [string]$first.ScriptStackTrace }
}

function Get-DriverContainerPath {
    param($Container)
    if ($null -eq $Container) { return '' }
    $item = $Container.Item
    if ($item -is [System.IO.FileInfo]) { return $item.FullName }
    [string]$item
}

$tests = foreach ($test in @($run.Tests)) {
    @{
        Path      = [string[]]@($test.ExpandedPath -split '\.')
        ExpandedPath = [string]$test.ExpandedPath
        Name      = [string]$test.ExpandedName
        Container = Get-DriverContainerPath -Container $test.Block.BlockContainer
        Result    = [string]$test.Result
        Ms        = [double]$test.Duration.TotalMilliseconds
        Error     = Get-DriverError -Records $test.ErrorRecord
    }
}
$blocks = foreach ($block in @($run.FailedBlocks)) {
    @{ Path = [string]$block.ExpandedPath; Container = Get-DriverContainerPath -Container $block.BlockContainer; Error = Get-DriverError -Records $block.ErrorRecord }
}
$containerResults = foreach ($container in @($run.Containers)) {
    @{ Path = Get-DriverContainerPath -Container $container; Result = [string]$container.Result; Error = Get-DriverError -Records $container.ErrorRecord }
}
$document = @{
    PesterVersion     = [string]$pester.Version
    PowerShellVersion = [string]$PSVersionTable.PSVersion
    Edition           = [string]$PSVersionTable.PSEdition
    Result            = [string]$run.Result
    Ms                = [double]$run.Duration.TotalMilliseconds
    Tests             = @($tests)
    FailedBlocks      = @($blocks)
    Containers        = @($containerResults)
}
[System.IO.File]::WriteAllText([string]$request.ResultPath, (ConvertTo-Json -InputObject $document -Depth 6 -Compress), [System.Text.UTF8Encoding]::new($false))
