<#
.SYNOPSIS
    A fake ConfigMgr site for the import script's tests (there is no site server here): stand-ins for the
    ConfigurationManager cmdlets the import script calls, with the parameters it uses, recording every
    call and keeping configuration items, settings and baselines in memory. Runs the import script once
    per entry of -Runs on the same fake site, and returns what each run did and the site afterwards.
.PARAMETER ImportScript
    Path of the generated Import-<Name>.ps1.
.PARAMETER Runs
    One hashtable of parameters per run (e.g. @{ SiteCode = 'XYZ'; WhatIf = $true }).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string]$ImportScript,

    [Parameter(Mandatory = $true)]
    [object[]]$Runs
)
Set-StrictMode -Version 3.0

$global:CmFake = @{
    Calls     = [System.Collections.Generic.List[object]]::new()
    Items     = [ordered]@{}
    Baselines = [ordered]@{}
    NextId    = 16777216
    Location  = 'C:\'
}

function global:Add-CmFakeCall {
    param([string]$Cmdlet, [System.Collections.IDictionary]$Bound)
    $parameters = [ordered]@{}
    [string[]]$keys = @($Bound.Keys)
    [System.Array]::Sort($keys, [System.StringComparer]::Ordinal)
    foreach ($key in $keys) {
        $value = $Bound[$key]
        if ($value -is [System.Management.Automation.SwitchParameter]) { $value = [bool]$value }
        elseif ($null -ne $value -and $value.PSObject.Properties['LocalizedDisplayName']) { $value = 'object:' + $value.LocalizedDisplayName }
        elseif ($value -is [array]) { $value = @($value | ForEach-Object -Process { [string]$_ }) -join ',' }
        $parameters[$key] = $value
    }
    $global:CmFake.Calls.Add([pscustomobject]@{ Cmdlet = $Cmdlet; Parameters = [pscustomobject]$parameters })
}

function global:Get-CmFakeSha256 {
    param([string]$Path)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { [System.BitConverter]::ToString($sha.ComputeHash([System.IO.File]::ReadAllBytes($Path))).Replace('-', '').ToLowerInvariant() }
    finally { $sha.Dispose() }
}

function global:New-CmFakeId {
    $global:CmFake.NextId++
    $global:CmFake.NextId
}

function global:Push-Location {
    param([string]$Path)
    Add-CmFakeCall -Cmdlet 'Push-Location' -Bound $PSBoundParameters
    $global:CmFake.Location = $Path
}

function global:Pop-Location {
    param()
    Add-CmFakeCall -Cmdlet 'Pop-Location' -Bound $PSBoundParameters
    $global:CmFake.Location = 'C:\'
}

function global:Assert-CmFakeSiteDrive {
    if (-not $global:CmFake.Location.EndsWith(':')) { throw 'ConfigMgr cmdlets must run from the site drive (fake site: location is ' + $global:CmFake.Location + ')' }
}

function global:Get-CMConfigurationItem {
    param([string]$Name)
    Add-CmFakeCall -Cmdlet 'Get-CMConfigurationItem' -Bound $PSBoundParameters
    Assert-CmFakeSiteDrive
    if ($global:CmFake.Items.Contains($Name)) { $global:CmFake.Items[$Name] }
}

function global:New-CMConfigurationItem {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Name, [string]$Description, [string]$CreationType)
    Add-CmFakeCall -Cmdlet 'New-CMConfigurationItem' -Bound $PSBoundParameters
    Assert-CmFakeSiteDrive
    $id = New-CmFakeId
    $item = [pscustomobject]@{
        LocalizedDisplayName = $Name; LocalizedDescription = $Description; CI_ID = $id; CreationType = $CreationType
        ModelName = 'ScopeId_FAKE/ConfigurationItem_' + $id; Settings = [ordered]@{}; Revision = 1
    }
    $global:CmFake.Items[$Name] = $item
    $item
}

function global:Set-CMConfigurationItem {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([object]$InputObject, [string]$Description)
    Add-CmFakeCall -Cmdlet 'Set-CMConfigurationItem' -Bound $PSBoundParameters
    $InputObject.LocalizedDescription = $Description
    $InputObject.Revision++
}

function global:Get-CMComplianceSetting {
    param([object]$InputObject, [string]$SettingName)
    Add-CmFakeCall -Cmdlet 'Get-CMComplianceSetting' -Bound $PSBoundParameters
    if ($InputObject.Settings.Contains($SettingName)) { $InputObject.Settings[$SettingName] }
}

function global:Add-CMComplianceSettingScript {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [object]$InputObject, [string]$Name, [string]$Description, [string]$DataType,
        [string]$DiscoveryScriptLanguage, [string]$DiscoveryScriptFile, [string]$RemediationScriptLanguage, [string]$RemediationScriptFile,
        [switch]$Remediate, [switch]$Is64Bit, [switch]$IsPerUser, [switch]$ValueRule, [string]$RuleName, [string[]]$ExpectedValue,
        [string]$ExpressionOperator, [string]$NoncomplianceSeverity, [switch]$ReportNoncompliance
    )
    Add-CmFakeCall -Cmdlet 'Add-CMComplianceSettingScript' -Bound $PSBoundParameters
    $InputObject.Settings[$Name] = [pscustomobject]@{
        Name = $Name; DataType = $DataType; Is64Bit = [bool]$Is64Bit; IsPerUser = [bool]$IsPerUser; Rule = $RuleName
        ExpectedValue = ($ExpectedValue -join ','); Operator = $ExpressionOperator; Remediate = [bool]$Remediate
        DiscoverySha256 = (Get-CmFakeSha256 -Path $DiscoveryScriptFile); RemediationSha256 = (Get-CmFakeSha256 -Path $RemediationScriptFile)
    }
    $InputObject.Revision++
    $InputObject
}

function global:Set-CMComplianceSettingScript {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [object]$InputObject, [string]$SettingName, [string]$Description, [string]$DiscoveryScriptLanguage, [string]$DiscoveryScriptFile,
        [string]$RemediationScriptLanguage, [string]$RemediationScriptFile, [bool]$Is64Bit, [bool]$IsPerUser
    )
    Add-CmFakeCall -Cmdlet 'Set-CMComplianceSettingScript' -Bound $PSBoundParameters
    $setting = $InputObject.Settings[$SettingName]
    $setting.Is64Bit = $Is64Bit
    $setting.IsPerUser = $IsPerUser
    $setting.DiscoverySha256 = Get-CmFakeSha256 -Path $DiscoveryScriptFile
    $setting.RemediationSha256 = Get-CmFakeSha256 -Path $RemediationScriptFile
    $InputObject.Revision++
}

function global:Get-CMBaseline {
    param([string]$Name)
    Add-CmFakeCall -Cmdlet 'Get-CMBaseline' -Bound $PSBoundParameters
    Assert-CmFakeSiteDrive
    if ($global:CmFake.Baselines.Contains($Name)) { $global:CmFake.Baselines[$Name] }
}

function global:New-CMBaseline {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$Name, [string]$Description)
    Add-CmFakeCall -Cmdlet 'New-CMBaseline' -Bound $PSBoundParameters
    $baseline = [pscustomobject]@{ LocalizedDisplayName = $Name; CI_ID = (New-CmFakeId); SDMPackageXML = '<DesiredConfigurationDigest></DesiredConfigurationDigest>'; Members = @() }
    $global:CmFake.Baselines[$Name] = $baseline
    $baseline
}

function global:Set-CMBaseline {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([object]$InputObject, [string[]]$AddOSConfigurationItem)
    Add-CmFakeCall -Cmdlet 'Set-CMBaseline' -Bound $PSBoundParameters
    foreach ($id in $AddOSConfigurationItem) {
        $item = @($global:CmFake.Items.Values | Where-Object -FilterScript { [string]$_.CI_ID -eq $id })
        if ($item.Count -ne 1) { throw 'no configuration item with CI_ID ' + $id }
        $logical = $item[0].ModelName.Split('/')[-1]
        $reference = '<OperatingSystemConfigurationItemReference AuthoringScopeId="ScopeId_FAKE" LogicalName="' + $logical + '"/>'
        $InputObject.SDMPackageXML = $InputObject.SDMPackageXML.Replace('</DesiredConfigurationDigest>', $reference + '</DesiredConfigurationDigest>')
        $InputObject.Members += $item[0].LocalizedDisplayName
    }
}

$results = foreach ($run in $Runs) {
    $global:CmFake.Calls.Clear()
    $parameters = @{}
    foreach ($key in $run.Keys) { $parameters[$key] = $run[$key] }
    $global:LASTEXITCODE = 0
    $all = @(& $ImportScript @parameters 2>&1)
    [pscustomobject]@{
        ExitCode = $global:LASTEXITCODE
        Output   = @($all | Where-Object -FilterScript { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object -Process { $_.Kind + '|' + $_.Name + '|' + $_.Action })
        Errors   = @($all | Where-Object -FilterScript { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object -Process { $_.Exception.Message })
        Calls    = $global:CmFake.Calls.ToArray()
    }
}
[pscustomobject]@{
    Runs      = @($results)
    Items     = @($global:CmFake.Items.Values | ForEach-Object -Process { [pscustomobject]@{ Name = $_.LocalizedDisplayName; CI_ID = $_.CI_ID; Revision = $_.Revision; Description = $_.LocalizedDescription; Settings = @($_.Settings.Values) } })
    Baselines = @($global:CmFake.Baselines.Values | ForEach-Object -Process { [pscustomobject]@{ Name = $_.LocalizedDisplayName; Members = @($_.Members); SDMPackageXML = $_.SDMPackageXML } })
}
