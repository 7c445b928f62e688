function Get-RgCachedCredentialTarget {
    <#
    .SYNOPSIS
        The target names `cmdkey /list` shows for the signed-in user, read from the `target=` token, which
        Windows does not translate (the `Target:` label is localised: `Ziel:` on German Windows).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $list = Invoke-RgNativeCommand -FilePath 'cmdkey.exe' -ArgumentList @('/list') -TimeoutSeconds 60
    if ($list.TimedOut) {
        throw 'cmdkey /list did not finish within 60 seconds'
    }
    if ($list.ExitCode -ne 0) {
        throw ('cmdkey /list failed with exit code ' + $list.ExitCode)
    }
    foreach ($line in $list.Output) {
        $at = $line.IndexOf('target=', [System.StringComparison]::OrdinalIgnoreCase)
        if ($at -ge 0) {
            $line.Substring($at + 7).Trim()
        }
    }
}

function Test-RgCachedCredential {
    <#
    .SYNOPSIS
        Whether Credential Manager holds entries matching the step's patterns (the state the action clears).
    .PARAMETER Step
        The step: Patterns.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = 'no cached credential matching ' + (@($Step.Patterns) -join ', ')
    $matching = @(Get-RgCachedCredentialTarget | Where-Object -FilterScript {
            $target = $_
            @($Step.Patterns | Where-Object -FilterScript { $target -like $_ }).Count -gt 0
        })
    if ($matching.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'none cached' -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ([string]$matching.Count + ' cached: ' + ($matching -join ', ')) -Expected $expected
}
