function Set-RgSchannelProtocol {
    <#
    .SYNOPSIS
        Writes the SCHANNEL protocol key's Enabled and DisabledByDefault DWORDs (1 and 0 to enable, 0 and 1
        to disable), creating the key when missing; one ShouldProcess for both values.
    .DESCRIPTION
        On a Windows build without the protocol (TLS 1.3 before build 20348) nothing is written: the key
        would do nothing. When the build cannot be read, nothing is written and the function throws, so the
        summary says why. The change takes effect after a restart (docs/reference/intune-configmgr.md 3.3).
    .PARAMETER Step
        The step: SubKey, Protocol, Role, State, Wanted, MinimumBuild.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $state = Get-RgSchannelProtocolState -Step $Step
    if ($state.Applicable -eq 'No') {
        Write-RgLog -Message ($Step.Id + ': nothing to write: ' + $state.Reason)
        return
    }
    if ($state.Applicable -eq 'Unknown') {
        throw ($state.Reason + '; nothing was written')
    }
    $enabled = 1
    $disabledByDefault = 0
    if ($Step.State -eq 'disabled') {
        $enabled = 0
        $disabledByDefault = 1
    }
    $target = 'HKLM:\' + $Step.SubKey
    $change = 'Set Enabled to ' + $enabled + ' and DisabledByDefault to ' + $disabledByDefault + ' (was ' + $state.Text + ')'
    if ($PSCmdlet.ShouldProcess($target, $change)) {
        Write-RgRegistryData -Hive 'HKLM' -SubKey $Step.SubKey -Name 'Enabled' -Kind 'DWord' -Value $enabled -View 64
        Write-RgRegistryData -Hive 'HKLM' -SubKey $Step.SubKey -Name 'DisabledByDefault' -Kind 'DWord' -Value $disabledByDefault -View 64
        Write-RgLog -Message ($Step.Id + ': set ' + $target + ' Enabled ' + $enabled + ' and DisabledByDefault ' + $disabledByDefault + ' (was ' + $state.Text + '); takes effect after a restart')
    }
}
