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
        $now = [System.DateTime]::UtcNow
        $text = $Message.Replace(']LOG]!>', '] LOG]!>')
        $line = '<![LOG[' + $text + ']LOG]!><time="' + $now.ToString('HH:mm:ss.fff', $invariant) + '+000" date="' +
            $now.ToString('MM-dd-yyyy', $invariant) + '" component="' + $script:RgPackage.Id + '" context="' +
            [System.Environment]::UserName + '" type="' + $type + '" thread="' + $PID + '" file="' + $script:RgScriptName + '">'
        $directory = [System.IO.Path]::GetDirectoryName($script:RgLogPath)
        if (-not [System.IO.Directory]::Exists($directory)) {
            $null = [System.IO.Directory]::CreateDirectory($directory)
        }
        $file = New-Object -TypeName System.IO.FileInfo -ArgumentList $script:RgLogPath
        if ($file.Exists -and $file.Length -ge $script:RgPackage.LogMaxBytes) {
            $rolled = [System.IO.Path]::ChangeExtension($script:RgLogPath, '.lo_')
            [System.IO.File]::Copy($script:RgLogPath, $rolled, $true)
            [System.IO.File]::Delete($script:RgLogPath)
        }
        $encoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
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
        Chooses the log file: %ProgramData%\remgen\Logs for system context, %LOCALAPPDATA%\remgen\Logs for user context.
    #>
    [CmdletBinding()]
    param()
    $root = $env:LOCALAPPDATA
    if ($script:RgPackage.Context -eq 'system') {
        $root = $env:ProgramData
    }
    if ([string]::IsNullOrEmpty($root)) {
        $root = [System.IO.Path]::GetTempPath()
    }
    $script:RgLogPath = [System.IO.Path]::Combine($root, 'remgen', 'Logs', $script:RgPackage.Id + '.log')
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

function Get-RgFinding {
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
    $builder = New-Object -TypeName System.Text.StringBuilder
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

function Get-RgSysnativeHost {
    <#
    .SYNOPSIS
        The 64-bit Windows PowerShell to relaunch in when this is a 32-bit process on a 64-bit OS; else nothing.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if (-not [System.Environment]::Is64BitOperatingSystem -or [System.Environment]::Is64BitProcess) {
        return $null
    }
    $candidate = [System.IO.Path]::Combine($env:SystemRoot, 'Sysnative', 'WindowsPowerShell', 'v1.0', 'powershell.exe')
    if ([System.IO.File]::Exists($candidate)) {
        return $candidate
    }
    $null
}

function Invoke-RgRelaunch {
    <#
    .SYNOPSIS
        Runs this script again in 64-bit PowerShell; passes its output lines through and returns its exit code.
    .DESCRIPTION
        The child's error stream is captured and logged, never written to this process's stderr, so a
        remediation stays free of stderr (Intune counts any stderr as a script error).
    .PARAMETER HostPath
        Path of the 64-bit powershell.exe.
    .PARAMETER ScriptPath
        Path of this script.
    .PARAMETER Arguments
        Extra arguments for the child, such as -WhatIf.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$HostPath,

        [Parameter(Mandatory = $true)]
        [string]$ScriptPath,

        [string[]]$Arguments = @()
    )
    # Windows PowerShell 5.1 turns a native command's stderr into terminating errors under 'Stop'.
    $ErrorActionPreference = 'Continue'
    Write-RgLog -Message ('Started as a 32-bit process; relaunching in ' + $HostPath)
    $records = @(& $HostPath -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $ScriptPath @Arguments 2>&1)
    $exitCode = $LASTEXITCODE
    $lines = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($record in $records) {
        if ($record -is [System.Management.Automation.ErrorRecord]) {
            Write-RgLog -Message ('64-bit run wrote to stderr: ' + $record.ToString()) -Severity Error
        }
        else {
            $lines.Add([string]$record)
        }
    }
    [pscustomobject]@{
        ExitCode = $exitCode
        Lines    = $lines.ToArray()
    }
}
