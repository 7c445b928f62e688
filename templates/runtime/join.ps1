function Get-RgJoinState {
    <#
    .SYNOPSIS
        The device's join state from `dsregcmd /status` (through Invoke-RgNativeCommand), read by the name
        tokens of its `Name : VALUE` lines (AzureAdJoined, DomainJoined, WorkplaceJoined, DomainName,
        DeviceAuthStatus, AzureAdPrt). The tokens are English in every observed output, but no source
        confirms that on non-English builds (docs/reference/intune-configmgr.md 3.1): an output without
        a YES/NO AzureAdJoined and DomainJoined is reported as not recognised, never read as "not joined".
    .OUTPUTS
        Recognised ([bool]), Failure ([string], why not recognised), AzureAdJoined, DomainJoined,
        WorkplaceJoined (YES, NO or empty when absent), DomainName, DeviceAuthStatus, AzureAdPrt ([string],
        empty when absent), Join (entra, hybrid, domain, registered or none) and Text (the state in words).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $state = [ordered]@{
        Recognised = $false; Failure = ''; AzureAdJoined = ''; DomainJoined = ''; WorkplaceJoined = ''; DomainName = ''
        DeviceAuthStatus = ''; AzureAdPrt = ''; Join = ''; Text = ''
    }
    $result = Invoke-RgNativeCommand -FilePath 'dsregcmd.exe' -ArgumentList @('/status') -TimeoutSeconds 120
    if ($result.TimedOut) {
        $state.Failure = 'dsregcmd /status did not finish within 120 seconds'
        return [pscustomobject]$state
    }
    $values = @{}
    foreach ($line in @($result.Output)) {
        if ([string]$line -match '^\s*([A-Za-z][A-Za-z0-9 ]*?)\s+:\s*(.*?)\s*$') {
            $name = $Matches[1]
            if (-not $values.ContainsKey($name)) {
                $values[$name] = $Matches[2]
            }
        }
    }
    foreach ($name in @('AzureAdJoined', 'DomainJoined', 'WorkplaceJoined')) {
        if ($values.ContainsKey($name)) {
            $value = ([string]$values[$name]).ToUpperInvariant()
            if ($value -eq 'YES' -or $value -eq 'NO') {
                $state[$name] = $value
            }
        }
    }
    foreach ($name in @('DomainName', 'DeviceAuthStatus', 'AzureAdPrt')) {
        if ($values.ContainsKey($name)) {
            $state[$name] = [string]$values[$name]
        }
    }
    if ($state.AzureAdPrt) {
        $state.AzureAdPrt = $state.AzureAdPrt.ToUpperInvariant()
    }
    if (-not $state.AzureAdJoined -or -not $state.DomainJoined) {
        $state.Failure = 'dsregcmd /status output not recognised (exit code ' + $result.ExitCode + ', ' + @($result.Output).Count + ' lines, no YES/NO AzureAdJoined and DomainJoined)'
        return [pscustomobject]$state
    }
    $state.Recognised = $true
    if ($state.AzureAdJoined -eq 'YES' -and $state.DomainJoined -eq 'YES') {
        $state.Join = 'hybrid'
        $state.Text = 'hybrid joined'
    }
    elseif ($state.AzureAdJoined -eq 'YES') {
        $state.Join = 'entra'
        $state.Text = 'Entra joined'
    }
    elseif ($state.WorkplaceJoined -eq 'YES') {
        $state.Join = 'registered'
        $state.Text = 'Entra registered (workplace joined) only'
        if ($state.DomainJoined -eq 'YES') {
            $state.Text = 'domain joined and Entra registered, not Entra joined'
        }
    }
    elseif ($state.DomainJoined -eq 'YES') {
        $state.Join = 'domain'
        $state.Text = 'domain joined only, not Entra joined'
    }
    else {
        $state.Join = 'none'
        $state.Text = 'not joined'
    }
    if ($state.DomainName) {
        $state.Text += ' (DomainName ' + $state.DomainName + ')'
    }
    [pscustomobject]$state
}

function Test-RgJoinWanted {
    <#
    .SYNOPSIS
        Whether a join state is the wanted one: the join type (entra: Entra joined, not domain joined;
        hybrid: both; any-entra: Entra joined either way) and, once Entra joined, a DeviceAuthStatus of
        SUCCESS (Windows before 21H1 does not print it: not reported passes). Optionally the user's PRT.
    .PARAMETER State
        A Get-RgJoinState result.
    .PARAMETER Want
        entra, hybrid or any-entra.
    .PARAMETER Prt
        Also require AzureAdPrt YES (meaningful only when dsregcmd ran as the user).
    .OUTPUTS
        Compliant ([bool]), Actual and Expected ([string], in words).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$State,

        [Parameter(Mandatory = $true)]
        [string]$Want,

        [bool]$Prt = $false
    )
    $wanted = @{ 'entra' = 'Entra joined (not domain joined)'; 'hybrid' = 'hybrid joined'; 'any-entra' = 'Entra joined or hybrid joined' }
    $expected = [string]$wanted[$Want] + ', DeviceAuthStatus SUCCESS'
    if ($Prt) {
        $expected += ', AzureAdPrt YES'
    }
    if (-not $State.Recognised) {
        return [pscustomobject]@{ Compliant = $false; Actual = $State.Failure; Expected = $expected }
    }
    $problems = @()
    $joinOk = ($Want -eq 'any-entra' -and $State.AzureAdJoined -eq 'YES') -or ($Want -eq [string]$State.Join)
    $parts = @([string]$State.Text)
    if (-not $joinOk) {
        $problems += $State.Text
    }
    if ($State.AzureAdJoined -eq 'YES') {
        if (-not $State.DeviceAuthStatus) {
            $parts += 'DeviceAuthStatus not reported'
        }
        elseif ($State.DeviceAuthStatus -match '^SUCCESS\b') {
            $parts += 'DeviceAuthStatus SUCCESS'
        }
        else {
            $problems += 'DeviceAuthStatus ' + $State.DeviceAuthStatus
        }
    }
    if ($Prt) {
        if ($State.AzureAdPrt -eq 'YES') {
            $parts += 'AzureAdPrt YES'
        }
        elseif ($State.AzureAdPrt) {
            $problems += 'AzureAdPrt ' + $State.AzureAdPrt + ' (no primary refresh token for the user)'
        }
        else {
            $problems += 'AzureAdPrt not reported (no primary refresh token for the user)'
        }
    }
    if ($problems.Count -eq 0) {
        return [pscustomobject]@{ Compliant = $true; Actual = ($parts -join ', '); Expected = $expected }
    }
    if ($joinOk) {
        $problems = @([string]$State.Text) + $problems
    }
    [pscustomobject]@{ Compliant = $false; Actual = ($problems -join ', '); Expected = $expected }
}
