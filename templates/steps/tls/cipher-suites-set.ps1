function Set-RgCipherSuites {
    <#
    .SYNOPSIS
        Puts the step's cipher suites first in the local TLS cipher suite order, in their order: each is
        enabled at its position (Enable-TlsCipherSuite -Position 0, 1, ...), the other suites follow.
    .DESCRIPTION
        Going forward from position 0 leaves the wanted suites first, in order, whatever was there; a suite
        already at its position is left alone. When a Group Policy order is present, the local order does not
        apply: nothing is written and the function throws, naming the policy. Before Windows 10 (no TLS
        module) nothing is written and it throws. One ShouldProcess for the step's changes; the repair loop
        reads the order again afterwards, which is the only proof taken.
    .PARAMETER Step
        The step: Suites, PolicySubKey, PolicyName, Wanted.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $suites = [string[]]@($Step.Suites)
    $policy = Get-RgCipherSuitePolicy -Step $Step
    if ($policy.Present) {
        throw ($policy.Where + ' overrides the local order and does not start with ' + ($suites -join ', ') +
            '; the local order was left unchanged: change the Group Policy setting SSL Cipher Suite Order')
    }
    $local = Get-RgTlsCipherSuite
    if (-not $local.Available) {
        throw ($local.Error + '; nothing was changed')
    }
    if ($local.Error) {
        throw ('Get-TlsCipherSuite failed: ' + $local.Error + '; nothing was changed')
    }
    $order = [System.Collections.Generic.List[string]]::new()
    foreach ($name in $local.Names) {
        $order.Add($name)
    }
    $moves = [System.Collections.Generic.List[object]]::new()
    for ($position = 0; $position -lt $suites.Count; $position++) {
        $name = $suites[$position]
        if ($position -lt $order.Count -and $order[$position] -eq $name) {
            continue
        }
        $at = -1
        for ($index = 0; $index -lt $order.Count; $index++) {
            if ($order[$index] -eq $name) {
                $at = $index
            }
        }
        if ($at -ge 0) {
            $order.RemoveAt($at)
        }
        $order.Insert([System.Math]::Min($position, $order.Count), $name)
        $moves.Add([pscustomobject]@{ Name = $name; Position = $position })
    }
    if ($moves.Count -eq 0) {
        Write-RgLog -Message ($Step.Id + ': nothing to change: the order already starts with ' + ($suites -join ', '))
        return
    }
    $change = 'Enable ' + (@($moves | ForEach-Object -Process { $_.Name + ' at position ' + $_.Position }) -join ', ')
    if ($PSCmdlet.ShouldProcess('TLS cipher suite order (local)', $change)) {
        foreach ($move in $moves) {
            Enable-RgTlsCipherSuite -Name $move.Name -Position $move.Position
            Write-RgLog -Message ($Step.Id + ': enabled ' + $move.Name + ' at position ' + $move.Position)
        }
        Write-RgLog -Message ($Step.Id + ': cipher suite order changed; takes effect for processes started after a restart')
    }
}
