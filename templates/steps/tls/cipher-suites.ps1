function Get-RgCipherSuitePolicy {
    <#
    .SYNOPSIS
        Reads the Group Policy "SSL Cipher Suite Order" list (HKLM, 64-bit view), which overrides the local
        order (docs/reference/intune-configmgr.md 3.0).
    .DESCRIPTION
        The policy's registry location is not verified in a primary source (reference 3.3); the step reads the
        commonly documented one, ...\Cryptography\Configuration\SSL\00010002 Functions (REG_SZ, comma-separated),
        defensively: any value there is "a policy order is present"; a String or MultiString is split on
        commas, any other kind is a policy order that cannot be read (Readable false).
    .PARAMETER Step
        The step: PolicySubKey, PolicyName.
    .OUTPUTS
        Present, Readable, Kind, Names ([string[]]), Where ('Group Policy SSL Cipher Suite Order (HKLM\...\Functions)').
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $where = 'Group Policy SSL Cipher Suite Order (HKLM\' + $Step.PolicySubKey + '\' + $Step.PolicyName + ')'
    $value = Get-RgRegistryData -Hive 'HKLM' -SubKey $Step.PolicySubKey -Name $Step.PolicyName -View 64
    if (-not $value.Exists) {
        return [pscustomobject]@{ Present = $false; Readable = $false; Kind = ''; Names = [string[]]@(); Where = $where }
    }
    if ($value.Kind -ne 'String' -and $value.Kind -ne 'ExpandString' -and $value.Kind -ne 'MultiString') {
        return [pscustomobject]@{ Present = $true; Readable = $false; Kind = $value.Kind; Names = [string[]]@(); Where = $where }
    }
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($part in @($value.Value)) {
        foreach ($name in ([string]$part).Split(',')) {
            if ($name.Trim().Length -gt 0) {
                $names.Add($name.Trim())
            }
        }
    }
    [pscustomobject]@{ Present = $true; Readable = $true; Kind = $value.Kind; Names = $names.ToArray(); Where = $where }
}

function Compare-RgCipherSuiteOrder {
    <#
    .SYNOPSIS
        Whether an order of cipher suites starts with the wanted ones, exactly in their order (names compared
        case-insensitively), and the order in words: the wanted suites missing from it, its first entries,
        and where the wanted suites are when they are not first.
    .PARAMETER Names
        The order, first tried first.
    .PARAMETER Suites
        The wanted suites, in order.
    .OUTPUTS
        Compliant, Text.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [string[]]$Names,

        [Parameter(Mandatory = $true)]
        [string[]]$Suites
    )
    $missing = @($Suites | Where-Object -FilterScript { $Names -notcontains $_ })
    $compliant = $Names.Count -ge $Suites.Count
    for ($index = 0; $compliant -and $index -lt $Suites.Count; $index++) {
        $compliant = $Names[$index] -eq $Suites[$index]
    }
    if ($Names.Count -eq 0) {
        $text = 'no cipher suite listed'
    }
    else {
        $top = [System.Math]::Min($Suites.Count, $Names.Count)
        $text = 'first ' + $top + ' of ' + $Names.Count + ': ' + ($Names[0..($top - 1)] -join ', ')
    }
    if ($missing.Count -gt 0) {
        $text = 'not enabled: ' + ($missing -join ', ') + '; ' + $text
    }
    elseif (-not $compliant) {
        $positions = @($Suites | ForEach-Object -Process { [array]::IndexOf(@($Names | ForEach-Object -Process { $_.ToUpperInvariant() }), $_.ToUpperInvariant()) + 1 })
        $text += ' (the wanted suites are at positions ' + ($positions -join ', ') + ')'
    }
    [pscustomobject]@{ Compliant = $compliant; Text = $text }
}

function Test-RgCipherSuites {
    <#
    .SYNOPSIS
        Whether the TLS cipher suite order starts with the step's suites, in their order: the Group Policy
        order when one is present (it overrides the local one), else the local order (Get-TlsCipherSuite).
    .PARAMETER Step
        The step: Suites, PolicySubKey, PolicyName, Wanted.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $suites = [string[]]@($Step.Suites)
    $policy = Get-RgCipherSuitePolicy -Step $Step
    if ($policy.Present) {
        $compliant = $false
        $text = 'a ' + $policy.Kind + ' value, not a list of suites'
        if ($policy.Readable) {
            $order = Compare-RgCipherSuiteOrder -Names $policy.Names -Suites $suites
            $compliant = $order.Compliant
            $text = $order.Text
        }
        $actual = $policy.Where + ' overrides the local order: ' + $text
        if (-not $compliant) {
            $actual += '; change the Group Policy setting SSL Cipher Suite Order, not by this script'
        }
        return New-RgStepResult -Step $Step -Compliant $compliant -Actual $actual -Expected $Step.Wanted
    }
    $local = Get-RgTlsCipherSuite
    if (-not $local.Available) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual $local.Error -Expected $Step.Wanted
    }
    if ($local.Error) {
        throw ('Get-TlsCipherSuite failed: ' + $local.Error)
    }
    $order = Compare-RgCipherSuiteOrder -Names $local.Names -Suites $suites
    New-RgStepResult -Step $Step -Compliant $order.Compliant -Actual $order.Text -Expected $Step.Wanted
}
