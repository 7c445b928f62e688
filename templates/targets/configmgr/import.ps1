function Connect-RgCmSite {
    <#
    .SYNOPSIS
        Loads the ConfigurationManager module when its cmdlets are not there yet (from the console's
        folder, $env:SMS_ADMIN_UI_PATH\..), and moves to the site drive when a site code is given.
    .PARAMETER SiteCode
        The site code, or empty to stay where the caller is.
    .OUTPUTS
        Whether the location was pushed (the caller pops it).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [AllowEmptyString()]
        [string]$SiteCode
    )
    if (-not (Get-Command -Name 'New-CMConfigurationItem' -ErrorAction SilentlyContinue)) {
        $console = [System.Environment]::GetEnvironmentVariable('SMS_ADMIN_UI_PATH')
        if ([string]::IsNullOrEmpty($console)) {
            throw 'the ConfigurationManager module is not loaded and SMS_ADMIN_UI_PATH is not set: run this script on a site server or a machine with the ConfigMgr console'
        }
        Import-Module -Name ([System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName($console.TrimEnd('\')), 'ConfigurationManager.psd1'))
    }
    if ([string]::IsNullOrEmpty($SiteCode)) {
        return $false
    }
    Push-Location -Path ($SiteCode.TrimEnd(':') + ':')
    $true
}

function Get-RgCmScriptFile {
    <#
    .SYNOPSIS
        The full path of a script that came with this one; it must exist (ConfigMgr reads it as a file,
        so its signature stays intact).
    .PARAMETER Name
        File name next to this script.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name
    )
    $path = [System.IO.Path]::Combine($PSScriptRoot, $Name)
    if (-not [System.IO.File]::Exists($path)) {
        throw ($Name + ' is missing next to this script (' + $path + '): copy the whole package folder')
    }
    $path
}

function Get-RgCmSingle {
    <#
    .SYNOPSIS
        The one object a lookup by name found, nothing when none; more than one is an error, since the
        script could not tell which to update.
    .PARAMETER Found
        What the Get- cmdlet returned.
    .PARAMETER What
        What was looked up, for the error.
    #>
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [AllowNull()]
        [object[]]$Found,

        [Parameter(Mandatory = $true)]
        [string]$What
    )
    $items = @($Found | Where-Object -FilterScript { $null -ne $_ })
    if ($items.Count -gt 1) {
        throw ($items.Count.ToString() + ' objects are named ' + $What + ': rename or remove the extra ones, or pass another name')
    }
    if ($items.Count -eq 1) {
        return $items[0]
    }
    $null
}

function New-RgCmImportResult {
    <#
    .SYNOPSIS
        One line of the script's output: what it did to which object.
    .PARAMETER Kind
        ConfigurationItem, Setting or Baseline.
    .PARAMETER Name
        The object's name.
    .PARAMETER Action
        Created, Updated, Added or Skipped (WhatIf or declined).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'Creates an object in memory only.')]
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Kind,

        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [string]$Action
    )
    [pscustomobject]@{ Kind = $Kind; Name = $Name; Action = $Action }
}

function Test-RgCmBaselineMember {
    <#
    .SYNOPSIS
        Whether the baseline references the configuration item already: its definition
        (SDMPackageXML) names the item's logical name (the part of ModelName after the scope).
    .PARAMETER Baseline
        The baseline (Get-CMBaseline).
    .PARAMETER ConfigurationItem
        The configuration item (Get-CMConfigurationItem).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Baseline,

        [Parameter(Mandatory = $true)]
        [object]$ConfigurationItem
    )
    $logicalName = ([string]$ConfigurationItem.ModelName).Split('/')[-1]
    if ([string]::IsNullOrEmpty($logicalName)) {
        return $false
    }
    ([string]$Baseline.SDMPackageXML).Contains('"' + $logicalName + '"')
}

function Invoke-RgCmImport {
    <#
    .SYNOPSIS
        Creates or updates the configuration item, its script setting and the baseline, idempotently;
        every change through ShouldProcess.
    .PARAMETER Import
        The package data: Id, Description, SettingName, RuleName, PerUser, DiscoveryFile, RemediationFile.
    .PARAMETER SiteCode
        The site code, or empty when the current location is the site drive.
    .PARAMETER ConfigurationItemName
        Name of the configuration item.
    .PARAMETER BaselineName
        Name of the baseline.
    .PARAMETER NoncomplianceSeverity
        Severity of the value rule, when the setting is created.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Import,

        [AllowEmptyString()]
        [string]$SiteCode = '',

        [Parameter(Mandatory = $true)]
        [string]$ConfigurationItemName,

        [Parameter(Mandatory = $true)]
        [string]$BaselineName,

        [Parameter(Mandatory = $true)]
        [string]$NoncomplianceSeverity
    )
    $discovery = Get-RgCmScriptFile -Name $Import.DiscoveryFile
    $remediation = Get-RgCmScriptFile -Name $Import.RemediationFile
    $pushed = Connect-RgCmSite -SiteCode $SiteCode
    try {
        $item = Get-RgCmSingle -Found @(Get-CMConfigurationItem -Name $ConfigurationItemName) -What ('configuration item ' + $ConfigurationItemName)
        if ($null -eq $item) {
            if ($PSCmdlet.ShouldProcess('configuration item ' + $ConfigurationItemName, 'Create (Windows OS)')) {
                $item = New-CMConfigurationItem -Name $ConfigurationItemName -Description $Import.Description -CreationType WindowsOS
                New-RgCmImportResult -Kind ConfigurationItem -Name $ConfigurationItemName -Action Created
            }
            else {
                New-RgCmImportResult -Kind ConfigurationItem -Name $ConfigurationItemName -Action Skipped
            }
        }
        elseif ($PSCmdlet.ShouldProcess('configuration item ' + $ConfigurationItemName, 'Update the description')) {
            Set-CMConfigurationItem -InputObject $item -Description $Import.Description
            New-RgCmImportResult -Kind ConfigurationItem -Name $ConfigurationItemName -Action Updated
        }
        else {
            New-RgCmImportResult -Kind ConfigurationItem -Name $ConfigurationItemName -Action Skipped
        }

        $settingTarget = 'script setting ' + $Import.SettingName + ' of ' + $ConfigurationItemName
        $setting = $null
        if ($null -ne $item) {
            $setting = Get-RgCmSingle -Found @(Get-CMComplianceSetting -InputObject $item -SettingName $Import.SettingName) -What $settingTarget
        }
        if ($null -eq $setting) {
            $what = 'Add (String, PowerShell, 64-bit, rule ' + $Import.RuleName + ': equals Compliant, remediate) from ' + $discovery + ' and ' + $remediation
            if ($null -ne $item -and $PSCmdlet.ShouldProcess($settingTarget, $what)) {
                $null = Add-CMComplianceSettingScript -InputObject $item -Name $Import.SettingName -Description $Import.Description `
                    -DataType String -DiscoveryScriptLanguage PowerShell -DiscoveryScriptFile $discovery `
                    -RemediationScriptLanguage PowerShell -RemediationScriptFile $remediation -Remediate `
                    -Is64Bit -IsPerUser:([bool]$Import.PerUser) `
                    -ValueRule -RuleName $Import.RuleName -ExpectedValue 'Compliant' -ExpressionOperator IsEquals `
                    -NoncomplianceSeverity $NoncomplianceSeverity -ReportNoncompliance
                New-RgCmImportResult -Kind Setting -Name $Import.SettingName -Action Added
            }
            else {
                New-RgCmImportResult -Kind Setting -Name $Import.SettingName -Action Skipped
            }
        }
        elseif ($PSCmdlet.ShouldProcess($settingTarget, 'Update the scripts from ' + $discovery + ' and ' + $remediation)) {
            $null = Set-CMComplianceSettingScript -InputObject $item -SettingName $Import.SettingName -Description $Import.Description `
                -DiscoveryScriptLanguage PowerShell -DiscoveryScriptFile $discovery `
                -RemediationScriptLanguage PowerShell -RemediationScriptFile $remediation `
                -Is64Bit $true -IsPerUser ([bool]$Import.PerUser)
            New-RgCmImportResult -Kind Setting -Name $Import.SettingName -Action Updated
        }
        else {
            New-RgCmImportResult -Kind Setting -Name $Import.SettingName -Action Skipped
        }

        $baseline = Get-RgCmSingle -Found @(Get-CMBaseline -Name $BaselineName) -What ('baseline ' + $BaselineName)
        if ($null -eq $baseline) {
            if ($PSCmdlet.ShouldProcess('baseline ' + $BaselineName, 'Create')) {
                $baseline = New-CMBaseline -Name $BaselineName -Description $Import.Description
                New-RgCmImportResult -Kind Baseline -Name $BaselineName -Action Created
            }
            else {
                New-RgCmImportResult -Kind Baseline -Name $BaselineName -Action Skipped
            }
        }
        if ($null -ne $baseline -and $null -ne $item) {
            if (Test-RgCmBaselineMember -Baseline $baseline -ConfigurationItem $item) {
                New-RgCmImportResult -Kind Baseline -Name $BaselineName -Action ('Contains ' + $ConfigurationItemName)
            }
            elseif ($PSCmdlet.ShouldProcess('baseline ' + $BaselineName, 'Add configuration item ' + $ConfigurationItemName)) {
                Set-CMBaseline -InputObject $baseline -AddOSConfigurationItem ([string]$item.CI_ID)
                New-RgCmImportResult -Kind Baseline -Name $BaselineName -Action ('Added ' + $ConfigurationItemName)
            }
            else {
                New-RgCmImportResult -Kind Baseline -Name $BaselineName -Action Skipped
            }
        }
    }
    finally {
        if ($pushed) {
            Pop-Location
        }
    }
}
