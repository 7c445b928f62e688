function Write-RgLog {
    <#
    .SYNOPSIS
        Appends one CMTrace-format line to the package log; never throws and never writes to a stream.
    .PARAMETER Message
        Text of the entry.
    .PARAMETER Severity
        Info (type 1), Warning (type 2) or Error (type 3).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Message,

        [ValidateSet('Info', 'Warning', 'Error')]
        [string]$Severity = 'Info'
    )
    if ([string]::IsNullOrEmpty($script:RgLogPath)) {
        return
    }
    try {
        $type = 1
        if ($Severity -eq 'Warning') { $type = 2 }
        if ($Severity -eq 'Error') { $type = 3 }
        $invariant = [System.Globalization.CultureInfo]::InvariantCulture
        $now = Get-RgUtcNow
        $text = $Message.Replace(']LOG]!>', '] LOG]!>')
        $line = '<![LOG[' + $text + ']LOG]!><time="' + $now.ToString('HH:mm:ss.fff', $invariant) + '+000" date="' +
            $now.ToString('MM-dd-yyyy', $invariant) + '" component="' + $script:RgPackage.Id + '" context="' +
            [System.Environment]::UserName + '" type="' + $type + '" thread="' + $PID + '" file="' + $script:RgScriptName + '">'
        $directory = [System.IO.Path]::GetDirectoryName($script:RgLogPath)
        if (-not [System.IO.Directory]::Exists($directory)) {
            $null = [System.IO.Directory]::CreateDirectory($directory)
        }
        $file = [System.IO.FileInfo]::new($script:RgLogPath)
        if ($file.Exists -and $file.Length -ge $script:RgPackage.LogMaxBytes) {
            $rolled = [System.IO.Path]::ChangeExtension($script:RgLogPath, '.lo_')
            [System.IO.File]::Copy($script:RgLogPath, $rolled, $true)
            [System.IO.File]::Delete($script:RgLogPath)
        }
        $encoding = [System.Text.UTF8Encoding]::new($false)
        [System.IO.File]::AppendAllText($script:RgLogPath, $line + "`r`n", $encoding)
    }
    catch {
        # A log that cannot be written must not change the outcome: stop trying and let the summary report.
        $script:RgLogPath = $null
    }
}

function Initialize-RgLog {
    <#
    .SYNOPSIS
        Expands the package's log path (%ProgramData%\remgen\Logs for system context, %LOCALAPPDATA%\remgen\Logs
        for user context: decided by the generator, written into $RgPackage.LogPath); the temp folder when the
        variable is not set.
    #>
    [CmdletBinding()]
    param()
    $path = [System.Environment]::ExpandEnvironmentVariables([string]$script:RgPackage.LogPath)
    if ($path.Contains('%')) {
        $path = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'remgen', 'Logs', $script:RgPackage.Id + '.log')
    }
    $script:RgLogPath = $path
}

function New-RgStepResult {
    <#
    .SYNOPSIS
        Builds the record a step test returns (an object in memory; nothing on the device changes).
    .PARAMETER Step
        The step from the step table.
    .PARAMETER Compliant
        Whether the device is in the desired state.
    .PARAMETER Actual
        What was found, in words.
    .PARAMETER Expected
        What the step wants, in words.
    .PARAMETER Failure
        Why the test could not be completed, if it could not.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'Creates an object in memory only.')]
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [Parameter(Mandatory = $true)]
        [bool]$Compliant,

        [AllowEmptyString()]
        [string]$Actual = '',

        [AllowEmptyString()]
        [string]$Expected = '',

        [AllowEmptyString()]
        [string]$Failure = ''
    )
    [pscustomobject]@{
        Id        = $Step.Id
        Title     = $Step.Title
        Compliant = $Compliant
        Actual    = $Actual
        Expected  = $Expected
        Failure   = $Failure
        Restart   = [bool]$Step.RestartRequired
    }
}

function Test-RgStep {
    <#
    .SYNOPSIS
        Runs one step's test function; an error becomes a non-compliant result, logged, not thrown.
    .PARAMETER Step
        The step from the step table.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    try {
        $result = & $Step.TestCommand -Step $Step
        if ($result.Compliant) {
            Write-RgLog -Message ($Step.Id + ': compliant (' + $result.Actual + ')')
        }
        else {
            Write-RgLog -Message ($Step.Id + ': not compliant (is ' + $result.Actual + ', want ' + $result.Expected + ')') -Severity Warning
        }
        $result
    }
    catch {
        Write-RgLog -Message ($Step.Id + ': test failed: ' + $_.Exception.Message) -Severity Error
        New-RgStepResult -Step $Step -Compliant $false -Failure $_.Exception.Message
    }
}

function Test-RgSteps {
    <#
    .SYNOPSIS
        Tests every step, in order, then applies the action gates: an action whose gate probes all pass is
        not needed, so it counts as compliant whatever its own test found. An action gated 'always' (GateAlways)
        has no probe: when its own test finds something to do it is due, unless it ran within its cooldown
        (its CooldownCommand, runtime/actions.ps1's Get-RgActionCooldownEnd), which counts as compliant.
    .DESCRIPTION
        An action runs only when its gate (one or more probes of the same package) reports the symptom, so on
        a healthy device detection never asks for it and the remediation never runs it.
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$Steps
    )
    $results = @(foreach ($step in $Steps) { Test-RgStep -Step $step })
    $byId = @{}
    for ($index = 0; $index -lt $Steps.Count; $index++) {
        $byId[$Steps[$index].Id] = $results[$index]
    }
    for ($index = 0; $index -lt $Steps.Count; $index++) {
        $step = $Steps[$index]
        if ($step.Category -ne 'action' -or $results[$index].Compliant) {
            continue
        }
        if ($step['GateAlways']) {
            # No probe: the action is due whenever its cooldown has passed, and done while it ran within it.
            if (-not $results[$index].Failure) {
                $until = & ([string]$step.CooldownCommand) -Step $step
                if ($null -ne $until) {
                    $when = $until.ToString('yyyy-MM-dd HH:mm', [System.Globalization.CultureInfo]::InvariantCulture)
                    Write-RgLog -Message ($step.Id + ': ran within its cooldown; due again after ' + $when + ' UTC')
                    $results[$index] = New-RgStepResult -Step $step -Compliant $true -Actual ('ran within its cooldown, due again after ' + $when + ' UTC') -Expected 'run once per cooldown'
                }
                else {
                    $results[$index] = New-RgStepResult -Step $step -Compliant $false -Actual ('due (' + $results[$index].Actual + ')') -Expected 'run once per cooldown'
                }
            }
            continue
        }
        $passing = @($step.Gate | Where-Object -FilterScript { $byId.ContainsKey($_) -and $byId[$_].Compliant })
        if ($passing.Count -gt 0) {
            Write-RgLog -Message ($step.Id + ': not needed: gate ' + ($passing -join ', ') + ' passes')
            $results[$index] = New-RgStepResult -Step $step -Compliant $true -Actual ('not needed (' + ($passing -join ', ') + ' passes)') -Expected $results[$index].Expected
        }
    }
    $results
}

function Format-RgFinding {
    <#
    .SYNOPSIS
        One result in words for the summary line: id, then what is wrong.
    .PARAMETER Result
        A step result.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [pscustomobject]$Result
    )
    if ($Result.Failure) {
        return $Result.Id + ' (error: ' + $Result.Failure + ')'
    }
    $Result.Id + ' (is ' + $Result.Actual + ', want ' + $Result.Expected + ')'
}

function Get-RgStepWording {
    <#
    .SYNOPSIS
        The words the summary counts steps in: "settings" compliant/wrong when every step is a setting, else
        "checks" passed/failed (probes report facts; they are not settings).
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$Steps
    )
    foreach ($step in $Steps) {
        if ($step.Category -ne 'setting') {
            return [pscustomobject]@{ Noun = 'checks'; Good = 'passed'; Bad = 'failed' }
        }
    }
    [pscustomobject]@{ Noun = 'settings'; Good = 'compliant'; Bad = 'wrong' }
}

function Get-RgSummaryName {
    <#
    .SYNOPSIS
        The package as the summary line names it: its id, then its build id after an at sign (tls@3f9a0c1), so a
        report tells the lines of this build from another's. The build id is the generator's (script/build-id.ts).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    [string]$script:RgPackage.Id + '@' + [string]$script:RgPackage.Build
}

function Format-RgSummary {
    <#
    .SYNOPSIS
        The one summary line: printable ASCII only, at most 2048 characters (Intune keeps no more).
    .PARAMETER Text
        The summary before cleaning.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Text
    )
    $builder = [System.Text.StringBuilder]::new()
    foreach ($character in $Text.ToCharArray()) {
        $code = [int]$character
        if ($code -ge 32 -and $code -le 126) {
            $null = $builder.Append($character)
        }
        elseif ($code -eq 9 -or $code -eq 10 -or $code -eq 13) {
            $null = $builder.Append(' ')
        }
        else {
            $null = $builder.Append('?')
        }
    }
    $line = $builder.ToString().Trim()
    if ($line.Length -gt 2048) {
        $line = $line.Substring(0, 2045) + '...'
    }
    $line
}
