function Get-RgSchannelProtocolState {
    <#
    .SYNOPSIS
        Reads one SCHANNEL protocol key's Enabled and DisabledByDefault DWORDs (64-bit view) and, for a
        protocol that needs a minimum Windows build (TLS 1.3: 20348), the build, and says whether the step
        applies and whether the values are what the step wants.
    .DESCRIPTION
        Enabled means Enabled non-zero and DisabledByDefault 0; disabled means Enabled 0 and DisabledByDefault
        non-zero (docs/reference/intune-configmgr.md 3.3, [TLS-REG]). An absent value is the OS default,
        which differs by build and protocol, so it is "not set" and never compliant. A value of another kind
        than DWord is not compliant either.
    .PARAMETER Step
        The step: SubKey, Protocol, State, MinimumBuild.
    .OUTPUTS
        Applicable ('Yes', 'No' or 'Unknown': no build could be read), Reason (why not applicable, in words),
        Text (the two values in words), Compliant.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $minimum = [int]$Step.MinimumBuild
    if ($minimum -gt 0) {
        $build = Get-RgWindowsBuild
        if (-not $build.Known) {
            return [pscustomobject]@{
                Applicable = 'Unknown'
                Reason     = $build.Text + ': cannot tell whether ' + $Step.Protocol + ' is supported (it needs Windows build ' + $minimum + ' or later)'
                Text       = ''
                Compliant  = $false
            }
        }
        if ($build.Number -lt $minimum) {
            return [pscustomobject]@{
                Applicable = 'No'
                Reason     = 'not applicable: ' + $Step.Protocol + ' needs Windows build ' + $minimum + ' or later (device is ' + $build.Number + ')'
                Text       = ''
                Compliant  = $true
            }
        }
    }
    $words = @()
    $numbers = @{}
    $keyExists = $false
    foreach ($name in @('Enabled', 'DisabledByDefault')) {
        $value = Get-RgRegistryData -Hive 'HKLM' -SubKey $Step.SubKey -Name $name -View 64
        $keyExists = $value.KeyExists
        if ($value.Exists -and $value.Kind -eq 'DWord') {
            $numbers[$name] = [int64]$value.Value
            $words += ($name + ' ' + $value.Value)
        }
        elseif ($value.Exists) {
            $words += ($name + ' a ' + $value.Kind + ' value')
        }
        else {
            $words += ($name + ' not set')
        }
    }
    $text = $words -join ' and '
    if (-not $keyExists) {
        $text += ' (no key: the OS default applies)'
    }
    elseif ($numbers.Count -eq 0) {
        $text += ' (the OS default applies)'
    }
    $compliant = $false
    if ($numbers.ContainsKey('Enabled') -and $numbers.ContainsKey('DisabledByDefault')) {
        if ($Step.State -eq 'enabled') {
            $compliant = $numbers.Enabled -ne 0 -and $numbers.DisabledByDefault -eq 0
        }
        else {
            $compliant = $numbers.Enabled -eq 0 -and $numbers.DisabledByDefault -ne 0
        }
    }
    [pscustomobject]@{ Applicable = 'Yes'; Reason = ''; Text = $text; Compliant = $compliant }
}

function Test-RgSchannelProtocol {
    <#
    .SYNOPSIS
        Whether one SCHANNEL protocol (client or server side) is enabled or disabled as the step wants; on a
        Windows build without the protocol (TLS 1.3 before build 20348), compliant as not applicable.
    .PARAMETER Step
        The step: SubKey, Protocol, Role, State, Wanted, MinimumBuild.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $state = Get-RgSchannelProtocolState -Step $Step
    if ($state.Applicable -ne 'Yes') {
        return New-RgStepResult -Step $Step -Compliant $state.Compliant -Actual $state.Reason -Expected $Step.Wanted
    }
    New-RgStepResult -Step $Step -Compliant $state.Compliant -Actual $state.Text -Expected $Step.Wanted
}
