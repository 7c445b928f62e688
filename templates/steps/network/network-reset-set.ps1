function Reset-RgNetworkStack {
    <#
    .SYNOPSIS
        Reads the Winsock catalog first (Get-RgWinsockCatalog) and refuses while it cannot be read, or while it
        holds third-party providers and AllowThirdPartyProviders is not set (the reset would remove them); then,
        through ShouldProcess, runs netsh winsock reset (and netsh int ip reset when IpReset), each exit code
        checked, and reads the catalog again: it must list providers, and none of the third-party ones.
        The restart that completes it is the step's RestartRequired.
    .PARAMETER Step
        The step: IpReset, AllowThirdPartyProviders.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $catalog = Get-RgWinsockCatalog
    if (-not $catalog.Read) {
        throw ('refused: the Winsock catalog could not be read before the reset (' + $catalog.Problem + ')')
    }
    $thirdParty = @($catalog.ThirdParty)
    if ($thirdParty.Count -gt 0 -and -not $Step.AllowThirdPartyProviders) {
        throw ('refused: third-party Winsock providers are installed (' + ($thirdParty -join ', ') + '); a reset removes them and their VPN or security product must be reinstalled; set allowThirdPartyProviders to reset anyway')
    }
    $what = 'netsh winsock reset'
    if ($Step.IpReset) {
        $what += ' and netsh int ip reset'
    }
    if (-not $PSCmdlet.ShouldProcess('the network stack', 'Run ' + $what + ' (a restart completes it)')) {
        return
    }
    $reset = Invoke-RgNativeCommand -FilePath 'netsh.exe' -ArgumentList @('winsock', 'reset') -TimeoutSeconds 120
    if ($reset.TimedOut -or $reset.ExitCode -ne 0) {
        throw ('netsh winsock reset failed (exit code ' + $reset.ExitCode + ')')
    }
    Write-RgLog -Message ($Step.Id + ': netsh winsock reset done; a restart completes it')
    if ($Step.IpReset) {
        $ip = Invoke-RgNativeCommand -FilePath 'netsh.exe' -ArgumentList @('int', 'ip', 'reset') -TimeoutSeconds 120
        if ($ip.TimedOut -or $ip.ExitCode -ne 0) {
            throw ('netsh int ip reset failed (exit code ' + $ip.ExitCode + '); the Winsock reset was done')
        }
        Write-RgLog -Message ($Step.Id + ': netsh int ip reset done')
    }
    $after = Get-RgWinsockCatalog
    if (-not $after.Read) {
        throw ('the Winsock catalog could not be read after the reset (' + $after.Problem + ')')
    }
    $left = @($after.ThirdParty | Where-Object -FilterScript { $thirdParty -contains $_ })
    if ($left.Count -gt 0) {
        throw ('still in the Winsock catalog after the reset: ' + ($left -join ', '))
    }
    if ($thirdParty.Count -gt 0) {
        Write-RgLog -Message ($Step.Id + ': removed the third-party Winsock providers ' + ($thirdParty -join ', ') + ' (allowed); their products must be reinstalled') -Severity Warning
    }
}
