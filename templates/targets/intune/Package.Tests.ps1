#Requires -Version 5.1
<#
.SYNOPSIS
    Pester 5 suite of this remgen package: an Intune cycle on each bundled device profile.
.DESCRIPTION
    For each device in package.psd1 beside this file (what it should see; its profile data is in devices.psd1),
    runs the signed detect.ps1, then remediate.ps1 when detection found an issue, then detect.ps1 again, each on the
    simulated device as the run before left it (Invoke-RgSimulation.ps1 beside this file replaces only
    the scripts' seams), and asserts each run's exit code, its summary line (the only output), that it
    wrote nothing to stderr, and which actions the remediation took (read off the seam calls).
    Run it with Pester 5 or later on Windows PowerShell 5.1 or PowerShell 7:
        Install-Module Pester -Force -SkipPublisherCheck
        Import-Module Pester -MinimumVersion 5.0
        Invoke-Pester -Path .\tests -Output Detailed
    Only some devices: New-PesterContainer -Path <this file> -Data @{ ProfileName = @('name') }.
.PARAMETER ProfileName
    Run only on these bundled profiles (default: all).
#>
param(
    [string[]]$ProfileName = @()
)

BeforeDiscovery {
    # package.psd1 and devices.psd1 are data only, but larger than Import-PowerShellDataFile accepts (it refuses
    # files past its node limit as "dynamic expressions"; -SkipLimitCheck is 7.2 and later): each is checked as
    # restricted language, then run.
    $readData = {
        param([string]$Name)
        $dataText = [System.IO.File]::ReadAllText((Join-Path -Path $PSScriptRoot -ChildPath $Name))
        $dataBlock = [scriptblock]::Create($dataText)
        $dataBlock.CheckRestrictedLanguage([string[]]@(), [string[]]@('true', 'false', 'null'), $false)
        & $dataBlock
    }
    $suite = & $readData 'package.psd1'
    # Each device's profile data, by its name (devices.psd1 is the same file in every package tested on these devices).
    $profiles = @{}
    foreach ($entry in @((& $readData 'devices.psd1').Devices)) { $profiles[$entry.DeviceName] = $entry.Device }
    $selected = @($suite.Devices | Where-Object -FilterScript { $ProfileName.Count -eq 0 -or $ProfileName -contains $_.DeviceName })
    foreach ($device in $selected) {
        if (-not $profiles.ContainsKey($device.DeviceName)) { throw "devices.psd1 beside this suite has no data for the device '$($device.DeviceName)' that package.psd1 names; rebuild the package" }
        $device['Device'] = $profiles[$device.DeviceName]
    }
    # Script steps that call commands outside remgen's seams: the simulator fails those calls, so those steps
    # are not simulated (their recorded results are the simulator's refusal); the suite's title says which.
    $notSimulated = @($suite['NotSimulated'] | Where-Object -FilterScript { $null -ne $_ })
    $note = ''
    if ($notSimulated.Count -gt 0) {
        $note = ' (not simulated: ' + (@($notSimulated | ForEach-Object -Process { $_.Step + ' calls ' + (@($_.Commands) -join ', ') }) -join '; ') + ')'
    }
}

BeforeAll {
    $harness = Join-Path -Path $PSScriptRoot -ChildPath 'Invoke-RgSimulation.ps1'
    $packageDir = Split-Path -Path $PSScriptRoot -Parent

    function Invoke-RgSuiteRun {
        # One script of the package on the device; the harness's result (ExitCode, Output, Errors, Actions, State).
        param([string]$Script, [System.Collections.IDictionary]$Device)
        $logRoot = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('remgen-pester-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $logRoot
        try {
            $result = & $harness -ScriptPath (Join-Path -Path $packageDir -ChildPath $Script) -Device $Device -LogRoot $logRoot
            # The summary as recorded: the run's temporary log folder written %LOGROOT%\.
            $prefix = $logRoot + [System.IO.Path]::DirectorySeparatorChar
            $result.Summary = (@($result.Output) -join "`n").Replace($prefix, '%LOGROOT%\')
            $result
        }
        finally {
            Remove-Item -LiteralPath $logRoot -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    function Add-RgSuiteBuild {
        # A recorded summary as this build prints it: the recording keeps lines without the build id, which
        # follows the package id (`STATE <id>@<build>: ...`), so a rebuild that changes only the id records nothing.
        param([string]$Line, [string]$Build)
        $at = $Line.IndexOf(':')
        if ($at -lt 0) { return $Line }
        $Line.Insert($at, '@' + $Build)
    }

    function Get-RgSuiteChange {
        # A run's actions that change the device: a native command may only read (dsregcmd /status), so it is left out.
        param($Run)
        @($Run.Actions | Where-Object -FilterScript { $_ -notlike 'Invoke-RgNativeCommand *' }) -join "`n"
    }

    function Get-RgSuiteNextDevice {
        # The same device as a run left it: registry, keys, cipher suite order, processes and the rest it carries.
        param([System.Collections.IDictionary]$Device, [System.Collections.IDictionary]$State)
        $next = @{}
        # GetEnumerator: the profile has an entry named Keys, which $Device.Keys would return.
        foreach ($entry in $Device.GetEnumerator()) { $next[$entry.Key] = $entry.Value }
        $next.Registry = @($State.Registry)
        $next.Keys = @($State.Keys)
        $next.Processes = @($State.Processes)
        $next.Carried = $State.Carried
        $suites = @{ Available = $State.CipherSuites.Available; Order = @($State.CipherSuites.Order); ReadError = ''; EnableError = '' }
        if ($Device.Contains('CipherSuites')) {
            $suites.ReadError = $Device.CipherSuites['ReadError']
            $suites.EnableError = $Device.CipherSuites['EnableError']
        }
        $next.CipherSuites = $suites
        $next
    }
}

Describe 'remgen package <Id><Note>' -ForEach @(@{ Id = $suite.Id; Build = $suite.Build; Devices = $selected; Note = $note }) {
    Context 'on <DeviceName>' -ForEach $Devices {
        BeforeAll {
            $profileData = $Device
            $detection = Invoke-RgSuiteRun -Script 'detect.ps1' -Device $profileData
            $remediation = $null
            $redetection = $null
            if ($detection.ExitCode -ne 0) {
                $remediation = Invoke-RgSuiteRun -Script 'remediate.ps1' -Device (Get-RgSuiteNextDevice -Device $profileData -State $detection.State)
                $redetection = Invoke-RgSuiteRun -Script 'detect.ps1' -Device (Get-RgSuiteNextDevice -Device $profileData -State $remediation.State)
            }
        }

        It 'detection exits <ExpectDetect> and writes nothing to stderr' {
            $detection.ExitCode | Should -Be $ExpectDetect
            @($detection.Errors).Count | Should -Be 0
        }

        It 'detection prints one summary line, as recorded' {
            @($detection.Output).Count | Should -Be 1
            $detection.Summary | Should -BeExactly (Add-RgSuiteBuild -Line $ExpectSummaries[0] -Build $Build)
        }

        It 'detection changes nothing on the device' {
            Get-RgSuiteChange -Run $detection | Should -BeExactly ''
        }

        It 'remediation: <RemediationTitle>' {
            if ($null -eq $ExpectRemediate) {
                $remediation | Should -BeNullOrEmpty
            }
            else {
                $remediation.ExitCode | Should -Be $ExpectRemediate
                @($remediation.Errors).Count | Should -Be 0
                @($remediation.Output).Count | Should -Be 1
                $remediation.Summary | Should -BeExactly (Add-RgSuiteBuild -Line $ExpectSummaries[1] -Build $Build)
            }
        }

        It 'remediation actions: <ActionsTitle>' {
            $taken = @()
            if ($null -ne $remediation) { $taken = @($remediation.Actions) }
            $taken -join "`n" | Should -BeExactly (@($ExpectActions) -join "`n")
        }

        It 'detection afterwards: <AgainTitle>' {
            if ($null -eq $ExpectAgain) {
                $redetection | Should -BeNullOrEmpty
            }
            else {
                $redetection.ExitCode | Should -Be $ExpectAgain
                @($redetection.Errors).Count | Should -Be 0
                Get-RgSuiteChange -Run $redetection | Should -BeExactly ''
                $redetection.Summary | Should -BeExactly (Add-RgSuiteBuild -Line $ExpectSummaries[2] -Build $Build)
            }
        }
    }
}
